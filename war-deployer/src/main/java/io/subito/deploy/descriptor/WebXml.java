package io.subito.deploy.descriptor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plain model of a {@code web.xml}, a {@code web-fragment.xml}, or of what annotations
 * declare; also the result of merging them all. Fields are public: this is data, and the parser,
 * the scanner, the merger and the configurer each fill or read it in one place.
 */
public final class WebXml {
    /** Where it came from, for messages: "WEB-INF/web.xml", "lib/x.jar!/META-INF/web-fragment.xml", ... */
    public String source;
    public int majorVersion = 6;
    public int minorVersion = 1;
    public boolean metadataComplete;
    public String displayName;
    public boolean distributable;
    public final Map<String, String> contextParams = new LinkedHashMap<>();
    public final Map<String, ServletDef> servlets = new LinkedHashMap<>();
    public final List<ServletMapping> servletMappings = new ArrayList<>();
    public final Map<String, FilterDef> filters = new LinkedHashMap<>();
    public final List<FilterMapping> filterMappings = new ArrayList<>();
    public final Set<String> listeners = new LinkedHashSet<>();
    public SessionConfig sessionConfig;
    public final Map<String, String> mimeMappings = new LinkedHashMap<>();
    /** Null when not declared: an empty list declared by a descriptor still replaces the defaults. */
    public List<String> welcomeFiles;
    public final List<ErrorPage> errorPages = new ArrayList<>();
    public final Map<String, String> localeEncodings = new LinkedHashMap<>();
    public final List<SecurityConstraintDef> securityConstraints = new ArrayList<>();
    public LoginConfigDef loginConfig;
    public final Set<String> securityRoles = new LinkedHashSet<>();
    public boolean denyUncoveredHttpMethods;
    public String requestCharacterEncoding;
    public String responseCharacterEncoding;
    /** {@code <jsp-config>}, null when none is declared. */
    public JspConfig jspConfig;

    /**
     * From annotations only: {@code @MultipartConfig}, {@code @ServletSecurity} and {@code @RunAs}
     * by servlet class name, to complete servlets of that class however they were declared.
     */
    public final Map<String, ServletDef> annotationsByClass = new LinkedHashMap<>();

    /** Elements present but not supported (JNDI and EJB references...), for a warning. */
    public final Set<String> ignoredElements = new LinkedHashSet<>();

    // web-fragment.xml only
    public String fragmentName;
    public Ordering ordering;
    // web.xml only: null when there is no <absolute-ordering>
    public List<String> absoluteOrdering;

    public WebXml(String source) {
        this.source = source;
    }

    /** Servlet 2.4 and older descriptors predate annotations: they are complete by definition. */
    public boolean isMetadataCompleteEffective() {
        return metadataComplete || majorVersion < 2 || (majorVersion == 2 && minorVersion < 5);
    }
}
