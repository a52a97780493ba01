package io.subito.deploy.descriptor;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletSecurityElement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A servlet as declared by a {@code <servlet>} element or a {@code @WebServlet} annotation.
 * Null means "not declared", so merging can tell a default from an explicit value.
 */
public final class ServletDef {
    public String name;
    public String className;
    public String jspFile;
    public final Map<String, String> initParams = new LinkedHashMap<>();
    public Integer loadOnStartup;
    public Boolean asyncSupported;
    public Boolean enabled;
    public MultipartConfigElement multipart;
    public String runAs;
    /** role-name → role-link of {@code <security-role-ref>}. */
    public final Map<String, String> roleRefs = new LinkedHashMap<>();
    /** From {@code @ServletSecurity} only; web.xml uses security constraints instead. */
    public ServletSecurityElement servletSecurity;

    public ServletDef(String name) {
        this.name = name;
    }

    /** Fills what this definition leaves undeclared from {@code weaker} (a fragment or an annotation). */
    public void complementFrom(ServletDef weaker) {
        if (className == null && jspFile == null) {
            className = weaker.className;
            jspFile = weaker.jspFile;
        }
        weaker.initParams.forEach(initParams::putIfAbsent);
        if (loadOnStartup == null) {
            loadOnStartup = weaker.loadOnStartup;
        }
        if (asyncSupported == null) {
            asyncSupported = weaker.asyncSupported;
        }
        if (enabled == null) {
            enabled = weaker.enabled;
        }
        if (multipart == null) {
            multipart = weaker.multipart;
        }
        if (runAs == null) {
            runAs = weaker.runAs;
        }
        weaker.roleRefs.forEach(roleRefs::putIfAbsent);
        if (servletSecurity == null) {
            servletSecurity = weaker.servletSecurity;
        }
    }
}
