package io.subito.deploy.scan;

import io.subito.deploy.descriptor.FilterDef;
import io.subito.deploy.descriptor.FilterMapping;
import io.subito.deploy.descriptor.ServletDef;
import io.subito.deploy.descriptor.ServletMapping;
import io.subito.deploy.descriptor.WebXml;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.HttpConstraintElement;
import jakarta.servlet.HttpMethodConstraintElement;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletSecurityElement;
import jakarta.servlet.annotation.ServletSecurity.EmptyRoleSemantic;
import jakarta.servlet.annotation.ServletSecurity.TransportGuarantee;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Turns the Servlet annotations found by the scanner into the same model a descriptor gives:
 * {@code @WebServlet}, {@code @WebFilter}, {@code @WebListener} (with {@code @WebInitParam}),
 * {@code @MultipartConfig}, {@code @ServletSecurity}, {@code @DeclareRoles}, {@code @RunAs}.
 * Annotation defaults are not in class files, so each default of the annotation types is
 * repeated here.
 */
public final class AnnotationReader {
    static final String PKG = "jakarta.servlet.annotation.";
    public static final String WEB_SERVLET = PKG + "WebServlet";
    public static final String WEB_FILTER = PKG + "WebFilter";
    public static final String WEB_LISTENER = PKG + "WebListener";
    public static final String MULTIPART = PKG + "MultipartConfig";
    public static final String SERVLET_SECURITY = PKG + "ServletSecurity";
    public static final String DECLARE_ROLES = "jakarta.annotation.security.DeclareRoles";
    public static final String RUN_AS = "jakarta.annotation.security.RunAs";

    /** The model declared by the annotations of these classes. */
    public WebXml read(Iterable<ClassInfo> classes, String source) {
        WebXml w = new WebXml(source);
        for (ClassInfo c : classes) {
            readClass(c, w);
        }
        return w;
    }

    private static void readClass(ClassInfo c, WebXml w) {
        AnnotationData servlet = c.annotation(WEB_SERVLET);
        if (servlet != null) {
            webServlet(c, servlet, w);
        }
        AnnotationData filter = c.annotation(WEB_FILTER);
        if (filter != null) {
            webFilter(c, filter, w);
        }
        if (c.annotation(WEB_LISTENER) != null) {
            w.listeners.add(c.name());
        }
        AnnotationData roles = c.annotation(DECLARE_ROLES);
        if (roles != null) {
            w.securityRoles.addAll(roles.strings("value"));
        }
        ServletDef perClass = perClassServletAnnotations(c);
        if (perClass != null) {
            w.annotationsByClass.put(c.name(), perClass);
        }
    }

    private static void webServlet(ClassInfo c, AnnotationData a, WebXml w) {
        String name = a.string("name", "");
        ServletDef s = new ServletDef(name.isEmpty() ? c.name() : name);
        s.className = c.name();
        long los = a.number("loadOnStartup", -1);
        s.loadOnStartup = (int) los;
        s.asyncSupported = a.bool("asyncSupported", false);
        initParams(a, s.initParams);
        ServletDef perClass = perClassServletAnnotations(c);
        if (perClass != null) {
            s.complementFrom(perClass);
        }
        w.servlets.put(s.name, s);
        List<String> patterns = patterns(a);
        if (!patterns.isEmpty()) {
            w.servletMappings.add(new ServletMapping(s.name, patterns));
        }
    }

    private static void webFilter(ClassInfo c, AnnotationData a, WebXml w) {
        String name = a.string("filterName", "");
        FilterDef f = new FilterDef(name.isEmpty() ? c.name() : name);
        f.className = c.name();
        f.asyncSupported = a.bool("asyncSupported", false);
        initParams(a, f.initParams);
        w.filters.put(f.name, f);
        EnumSet<DispatcherType> types = EnumSet.noneOf(DispatcherType.class);
        for (Object d : a.list("dispatcherTypes")) {
            types.add(DispatcherType.valueOf(((AnnotationData.EnumRef) d).name()));
        }
        if (types.isEmpty()) {
            types.add(DispatcherType.REQUEST);
        }
        List<String> patterns = patterns(a);
        List<String> servletNames = a.strings("servletNames");
        if (!patterns.isEmpty() || !servletNames.isEmpty()) {
            w.filterMappings.add(new FilterMapping(f.name, patterns, servletNames, types));
        }
    }

    /** {@code value} and {@code urlPatterns} are aliases; a class uses one or the other. */
    private static List<String> patterns(AnnotationData a) {
        List<String> p = new ArrayList<>(a.strings("value"));
        p.addAll(a.strings("urlPatterns"));
        return p;
    }

    private static void initParams(AnnotationData a, Map<String, String> into) {
        for (Object o : a.list("initParams")) {
            AnnotationData p = (AnnotationData) o;
            into.put(p.string("name", ""), p.string("value", ""));
        }
    }

    /** {@code @MultipartConfig}, {@code @ServletSecurity}, {@code @RunAs} of a servlet class, or null. */
    static ServletDef perClassServletAnnotations(ClassInfo c) {
        AnnotationData mp = c.annotation(MULTIPART);
        AnnotationData sec = c.annotation(SERVLET_SECURITY);
        AnnotationData runAs = c.annotation(RUN_AS);
        if (mp == null && sec == null && runAs == null) {
            return null;
        }
        ServletDef d = new ServletDef(null);
        if (mp != null) {
            d.multipart = new MultipartConfigElement(mp.string("location", ""), mp.number("maxFileSize", -1),
                    mp.number("maxRequestSize", -1), (int) mp.number("fileSizeThreshold", 0));
        }
        if (sec != null) {
            d.servletSecurity = servletSecurity(sec);
        }
        if (runAs != null) {
            d.runAs = runAs.string("value", null);
        }
        return d;
    }

    private static ServletSecurityElement servletSecurity(AnnotationData sec) {
        AnnotationData value = sec.annotation("value");
        HttpConstraintElement all = value == null ? new HttpConstraintElement() : constraint(value, "value");
        List<HttpMethodConstraintElement> methods = new ArrayList<>();
        for (Object o : sec.list("httpMethodConstraints")) {
            AnnotationData m = (AnnotationData) o;
            methods.add(new HttpMethodConstraintElement(m.string("value", ""), constraint(m, "emptyRoleSemantic")));
        }
        return new ServletSecurityElement(all, methods);
    }

    /** An {@code @HttpConstraint} or the constraint part of an {@code @HttpMethodConstraint}. */
    private static HttpConstraintElement constraint(AnnotationData a, String semanticKey) {
        EmptyRoleSemantic semantic = EmptyRoleSemantic.valueOf(a.enumName(semanticKey, "PERMIT"));
        TransportGuarantee guarantee = TransportGuarantee.valueOf(a.enumName("transportGuarantee", "NONE"));
        return new HttpConstraintElement(semantic, guarantee, a.strings("rolesAllowed").toArray(new String[0]));
    }
}
