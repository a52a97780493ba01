package io.subito.deploy;

import io.subito.deploy.descriptor.LoginConfigDef;
import io.subito.deploy.descriptor.SecurityConstraintDef;
import io.subito.deploy.descriptor.WebXml;
import io.subito.servlet.WebAppContext;
import io.subito.servlet.security.LoginConfig;
import io.subito.servlet.security.SecurityConstraint;
import io.subito.servlet.security.WebResourceCollection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Translates the descriptor's security constraints and login config into the bridge's model. */
final class SecurityConfigurer {
    private SecurityConfigurer() {
    }

    static void apply(WebXml w, WebAppContext ctx) {
        for (SecurityConstraintDef c : w.securityConstraints) {
            ctx.addSecurityConstraint(constraint(c));
        }
        LoginConfigDef l = w.loginConfig;
        if (l != null) {
            String method = l.authMethod() == null ? null : l.authMethod().toUpperCase(Locale.ROOT);
            ctx.setLoginConfig(new LoginConfig(method, l.realmName(), l.formLoginPage(), l.formErrorPage()));
        }
    }

    static SecurityConstraint constraint(SecurityConstraintDef c) {
        List<WebResourceCollection> collections = new ArrayList<>();
        for (SecurityConstraintDef.Collection col : c.collections()) {
            collections.add(new WebResourceCollection(col.name(), col.urlPatterns(),
                    new LinkedHashSet<>(col.methods()), new LinkedHashSet<>(col.omittedMethods())));
        }
        boolean hasAuth = c.roles() != null;
        Set<String> roles = hasAuth ? new LinkedHashSet<>(c.roles()) : Set.of();
        String g = c.transportGuarantee() == null ? "NONE" : c.transportGuarantee().toUpperCase(Locale.ROOT);
        return new SecurityConstraint(collections, hasAuth, roles, g.equals("CONFIDENTIAL") || g.equals("INTEGRAL"));
    }
}
