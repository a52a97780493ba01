package io.subito.deploy.descriptor;

import static io.subito.deploy.descriptor.Dom.child;
import static io.subito.deploy.descriptor.Dom.children;
import static io.subito.deploy.descriptor.Dom.has;
import static io.subito.deploy.descriptor.Dom.localName;
import static io.subito.deploy.descriptor.Dom.text;
import static io.subito.deploy.descriptor.Dom.texts;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.SessionTrackingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.DocumentType;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads {@code web.xml} (2.2 to 6.1) and {@code web-fragment.xml} with the JDK's DOM parser into
 * a {@link WebXml}. Not validating: real-world descriptors are often slightly off-schema and
 * Tomcat accepts them. DTDs and schemas are never fetched (an entity resolver answers every
 * external reference with nothing), so deploying needs no network and cannot be made to reach one.
 */
public final class DescriptorParser {
    /** Top-level elements a full Jakarta EE server would use; Subito has no JNDI or EJB. */
    private static final java.util.Set<String> UNSUPPORTED = java.util.Set.of("env-entry",
            "resource-ref", "resource-env-ref", "ejb-ref", "ejb-local-ref", "service-ref", "message-destination",
            "message-destination-ref", "persistence-context-ref", "persistence-unit-ref", "data-source",
            "post-construct", "pre-destroy", "jms-connection-factory", "jms-destination", "mail-session",
            "connection-factory", "administered-object");

    public WebXml parseWebXml(InputStream in, String source) throws DescriptorException {
        Element root = parse(in, source, "web-app");
        WebXml w = new WebXml(source);
        readVersion(root, w);
        readCommon(root, w);
        Element abs = child(root, "absolute-ordering");
        if (abs != null) {
            w.absoluteOrdering = orderingNames(abs);
        }
        return w;
    }

    public WebXml parseFragment(InputStream in, String source) throws DescriptorException {
        Element root = parse(in, source, "web-fragment");
        WebXml w = new WebXml(source);
        readVersion(root, w);
        readCommon(root, w);
        w.fragmentName = text(root, "name");
        Element ord = child(root, "ordering");
        if (ord != null) {
            Element after = child(ord, "after");
            Element before = child(ord, "before");
            w.ordering = new Ordering(after == null ? List.of() : orderingNames(after),
                    before == null ? List.of() : orderingNames(before));
        }
        return w;
    }

    private static Element parse(InputStream in, String source, String rootName) throws DescriptorException {
        Document doc;
        try {
            doc = newBuilder().parse(new InputSource(in));
        } catch (SAXParseException e) {
            throw new DescriptorException(source + " line " + e.getLineNumber() + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new DescriptorException(source + ": " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!localName(root).equals(rootName)) {
            throw new DescriptorException(source + ": root element is <" + localName(root) + ">, expected <" + rootName + ">");
        }
        root.setUserData("doctype", doc.getDoctype(), null);
        return root;
    }

    private static DocumentBuilder newBuilder() throws DescriptorException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setValidating(false);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true); // bounds entity expansion
            DocumentBuilder b = f.newDocumentBuilder();
            b.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return b;
        } catch (ParserConfigurationException e) {
            throw new DescriptorException("XML parser: " + e.getMessage(), e);
        }
    }

    /** From the version attribute; DTD-era descriptors have none and are 2.2 or 2.3. */
    private static void readVersion(Element root, WebXml w) throws DescriptorException {
        String v = root.getAttribute("version").trim();
        if (v.isEmpty()) {
            DocumentType dt = (DocumentType) root.getUserData("doctype");
            boolean v22 = dt != null && dt.getPublicId() != null && dt.getPublicId().contains("2.2");
            w.majorVersion = 2;
            w.minorVersion = v22 ? 2 : 3;
        } else {
            String[] parts = v.split("\\.");
            try {
                w.majorVersion = Integer.parseInt(parts[0]);
                w.minorVersion = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            } catch (NumberFormatException e) {
                throw new DescriptorException(w.source + ": version=\"" + v + "\" is not a version number");
            }
        }
        w.metadataComplete = Boolean.parseBoolean(root.getAttribute("metadata-complete").trim());
    }

    private void readCommon(Element root, WebXml w) throws DescriptorException {
        for (Element e : children(root)) {
            if (UNSUPPORTED.contains(localName(e))) {
                w.ignoredElements.add(localName(e));
            }
        }
        readContextSettings(root, w);
        readComponents(root, w);
        readResourceSettings(root, w);
        readSecurity(root, w);
        w.jspConfig = JspConfigReader.read(root, w);
    }

    private static void readContextSettings(Element root, WebXml w) throws DescriptorException {
        w.displayName = text(root, "display-name");
        w.distributable = has(root, "distributable");
        w.denyUncoveredHttpMethods = has(root, "deny-uncovered-http-methods");
        w.requestCharacterEncoding = text(root, "request-character-encoding");
        w.responseCharacterEncoding = text(root, "response-character-encoding");
        for (Element e : children(root, "context-param")) {
            w.contextParams.putIfAbsent(required(e, "param-name", w), textOrEmpty(e, "param-value"));
        }
        Element session = child(root, "session-config");
        if (session != null) {
            w.sessionConfig = sessionConfig(session, w);
        }
    }

    /** Servlets, filters, listeners and their mappings. */
    private static void readComponents(Element root, WebXml w) throws DescriptorException {
        for (Element e : children(root, "servlet")) {
            ServletDef s = servlet(e, w);
            w.servlets.put(s.name, s);
        }
        for (Element e : children(root, "servlet-mapping")) {
            w.servletMappings.add(new ServletMapping(required(e, "servlet-name", w), texts(e, "url-pattern")));
        }
        for (Element e : children(root, "filter")) {
            FilterDef f = filter(e, w);
            w.filters.put(f.name, f);
        }
        for (Element e : children(root, "filter-mapping")) {
            w.filterMappings.add(filterMapping(e, w));
        }
        for (Element e : children(root, "listener")) {
            w.listeners.add(required(e, "listener-class", w));
        }
    }

    /** How resources and errors are served: MIME types, welcome files, error pages, encodings. */
    private static void readResourceSettings(Element root, WebXml w) throws DescriptorException {
        for (Element e : children(root, "mime-mapping")) {
            w.mimeMappings.put(required(e, "extension", w), required(e, "mime-type", w));
        }
        for (Element e : children(root, "welcome-file-list")) {
            if (w.welcomeFiles == null) {
                w.welcomeFiles = new ArrayList<>();
            }
            w.welcomeFiles.addAll(texts(e, "welcome-file"));
        }
        for (Element e : children(root, "error-page")) {
            w.errorPages.add(errorPage(e, w));
        }
        for (Element list : children(root, "locale-encoding-mapping-list")) {
            for (Element e : children(list, "locale-encoding-mapping")) {
                w.localeEncodings.put(required(e, "locale", w), required(e, "encoding", w));
            }
        }
    }

    private static void readSecurity(Element root, WebXml w) throws DescriptorException {
        for (Element e : children(root, "security-constraint")) {
            w.securityConstraints.add(securityConstraint(e, w));
        }
        Element login = child(root, "login-config");
        if (login != null) {
            Element form = child(login, "form-login-config");
            w.loginConfig = new LoginConfigDef(text(login, "auth-method"), text(login, "realm-name"),
                    form == null ? null : text(form, "form-login-page"),
                    form == null ? null : text(form, "form-error-page"));
        }
        for (Element e : children(root, "security-role")) {
            w.securityRoles.add(required(e, "role-name", w));
        }
    }

    private static ServletDef servlet(Element e, WebXml w) throws DescriptorException {
        ServletDef s = new ServletDef(required(e, "servlet-name", w));
        s.className = text(e, "servlet-class");
        s.jspFile = text(e, "jsp-file");
        readInitParams(e, s.initParams, w);
        String los = text(e, "load-on-startup");
        if (los != null) {
            // an empty element means "at startup" with no particular order
            s.loadOnStartup = los.isEmpty() ? 0 : integer(los, "load-on-startup of servlet " + s.name, w);
        }
        String async = text(e, "async-supported");
        if (async != null) {
            s.asyncSupported = Boolean.parseBoolean(async);
        }
        String enabled = text(e, "enabled");
        if (enabled != null) {
            s.enabled = Boolean.parseBoolean(enabled);
        }
        Element runAs = child(e, "run-as");
        if (runAs != null) {
            s.runAs = text(runAs, "role-name");
        }
        for (Element ref : children(e, "security-role-ref")) {
            String role = required(ref, "role-name", w);
            String link = text(ref, "role-link");
            s.roleRefs.put(role, link == null || link.isEmpty() ? role : link);
        }
        Element mp = child(e, "multipart-config");
        if (mp != null) {
            s.multipart = new MultipartConfigElement(textOrEmpty(mp, "location"),
                    longValue(text(mp, "max-file-size"), -1L, "max-file-size", w),
                    longValue(text(mp, "max-request-size"), -1L, "max-request-size", w),
                    (int) longValue(text(mp, "file-size-threshold"), 0L, "file-size-threshold", w));
        }
        return s;
    }

    private static FilterDef filter(Element e, WebXml w) throws DescriptorException {
        FilterDef f = new FilterDef(required(e, "filter-name", w));
        f.className = text(e, "filter-class");
        readInitParams(e, f.initParams, w);
        String async = text(e, "async-supported");
        if (async != null) {
            f.asyncSupported = Boolean.parseBoolean(async);
        }
        return f;
    }

    private static FilterMapping filterMapping(Element e, WebXml w) throws DescriptorException {
        EnumSet<DispatcherType> types = EnumSet.noneOf(DispatcherType.class);
        for (String d : texts(e, "dispatcher")) {
            try {
                types.add(DispatcherType.valueOf(d.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException ex) {
                throw new DescriptorException(w.source + ": unknown dispatcher '" + d + "'");
            }
        }
        if (types.isEmpty()) {
            types.add(DispatcherType.REQUEST);
        }
        return new FilterMapping(required(e, "filter-name", w), texts(e, "url-pattern"), texts(e, "servlet-name"), types);
    }

    private static SessionConfig sessionConfig(Element e, WebXml w) throws DescriptorException {
        SessionConfig c = new SessionConfig();
        String timeout = text(e, "session-timeout");
        if (timeout != null && !timeout.isEmpty()) {
            c.timeoutMinutes = integer(timeout, "session-timeout", w);
        }
        Element cookie = child(e, "cookie-config");
        if (cookie != null) {
            c.cookieName = text(cookie, "name");
            c.cookieDomain = text(cookie, "domain");
            c.cookiePath = text(cookie, "path");
            c.cookieComment = text(cookie, "comment");
            String httpOnly = text(cookie, "http-only");
            c.cookieHttpOnly = httpOnly == null ? null : Boolean.parseBoolean(httpOnly);
            String secure = text(cookie, "secure");
            c.cookieSecure = secure == null ? null : Boolean.parseBoolean(secure);
            String maxAge = text(cookie, "max-age");
            c.cookieMaxAge = maxAge == null ? null : integer(maxAge, "max-age", w);
            for (Element a : children(cookie, "attribute")) {
                c.cookieAttributes.put(required(a, "attribute-name", w), textOrEmpty(a, "attribute-value"));
            }
        }
        List<String> modes = texts(e, "tracking-mode");
        if (!modes.isEmpty()) {
            c.trackingModes = EnumSet.noneOf(SessionTrackingMode.class);
            for (String m : modes) {
                try {
                    c.trackingModes.add(SessionTrackingMode.valueOf(m.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException ex) {
                    throw new DescriptorException(w.source + ": unknown tracking-mode '" + m + "'");
                }
            }
        }
        return c;
    }

    private static ErrorPage errorPage(Element e, WebXml w) throws DescriptorException {
        String code = text(e, "error-code");
        return new ErrorPage(code == null ? null : integer(code, "error-code", w), text(e, "exception-type"),
                required(e, "location", w));
    }

    private static SecurityConstraintDef securityConstraint(Element e, WebXml w) throws DescriptorException {
        List<SecurityConstraintDef.Collection> collections = new ArrayList<>();
        for (Element c : children(e, "web-resource-collection")) {
            List<String> methods = texts(c, "http-method");
            List<String> omitted = texts(c, "http-method-omission");
            if (!methods.isEmpty() && !omitted.isEmpty()) {
                throw new DescriptorException(w.source + ": a web-resource-collection has both http-method and http-method-omission");
            }
            collections.add(new SecurityConstraintDef.Collection(text(c, "web-resource-name"), texts(c, "url-pattern"),
                    methods, omitted));
        }
        Element auth = child(e, "auth-constraint");
        List<String> roles = auth == null ? null : texts(auth, "role-name");
        Element udc = child(e, "user-data-constraint");
        String guarantee = udc == null ? null : text(udc, "transport-guarantee");
        return new SecurityConstraintDef(collections, roles, guarantee);
    }

    /** The names of an ordering element in document order, {@code <others/>} as {@link Ordering#OTHERS}. */
    private static List<String> orderingNames(Element e) {
        List<String> names = new ArrayList<>();
        for (Element c : children(e)) {
            if (localName(c).equals("others")) {
                names.add(Ordering.OTHERS);
            } else if (localName(c).equals("name")) {
                names.add(c.getTextContent().trim());
            }
        }
        return names;
    }

    /** A name declared twice in one element keeps its first value, as the TCK expects. */
    private static void readInitParams(Element e, java.util.Map<String, String> into, WebXml w) throws DescriptorException {
        for (Element p : children(e, "init-param")) {
            into.putIfAbsent(required(p, "param-name", w), textOrEmpty(p, "param-value"));
        }
    }

    static String required(Element e, String name, WebXml w) throws DescriptorException {
        String v = text(e, name);
        if (v == null || v.isEmpty()) {
            throw new DescriptorException(w.source + ": <" + localName(e) + "> without <" + name + ">");
        }
        return v;
    }

    private static String textOrEmpty(Element e, String name) {
        String v = text(e, name);
        return v == null ? "" : v;
    }

    private static int integer(String v, String what, WebXml w) throws DescriptorException {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new DescriptorException(w.source + ": " + what + " '" + v + "' is not a number");
        }
    }

    private static long longValue(String v, long def, String what, WebXml w) throws DescriptorException {
        if (v == null || v.isEmpty()) {
            return def;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new DescriptorException(w.source + ": " + what + " '" + v + "' is not a number");
        }
    }
}
