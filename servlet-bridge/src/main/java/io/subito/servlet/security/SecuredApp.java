package io.subito.servlet.security;

import io.subito.servlet.lifecycle.AppScope;
import io.subito.servlet.registration.ServletHolder;
import io.subito.servlet.session.SessionManager;
import java.util.Map;
import java.util.Set;

/** What security constraints and logins need of their context. */
public interface SecuredApp extends AppScope {
    SessionManager sessions();

    /** Roles declared by the descriptor, {@code @DeclareRoles} and {@code declareRoles}. */
    Set<String> declaredRoles();

    /** metadata-complete="true": {@code @ServletSecurity} annotations are ignored. */
    boolean isMetadataComplete();

    Map<String, ServletHolder> servletHolders();
}
