package io.subito.deploy.descriptor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges fragments and annotations into the web.xml model (Servlet 6.1 section 8.2.3): what
 * web.xml declares wins; each weaker source adds what is not declared yet. Mappings of a servlet
 * or filter that web.xml maps come from web.xml alone; otherwise the mappings all fragments
 * declare for it add up; annotations map only what no descriptor maps. Conflicts between
 * fragments are found beforehand by {@link FragmentConflicts}.
 */
public final class WebXmlMerger {
    private final WebXml result;
    private boolean allFragmentsDistributable = true;
    private final boolean mainHasWelcomeFiles;
    private final Set<String> servletsMappedByMain = new HashSet<>();
    private final Set<String> filtersMappedByMain = new HashSet<>();

    /** @param main the webapp's web.xml, or null when it has none */
    public WebXmlMerger(WebXml main) {
        this.result = main != null ? main : new WebXml("(annotations and fragments)");
        if (main != null) {
            allFragmentsDistributable = main.distributable;
        }
        mainHasWelcomeFiles = main != null && main.welcomeFiles != null;
        result.servletMappings.forEach(m -> servletsMappedByMain.add(m.servletName()));
        result.filterMappings.forEach(m -> filtersMappedByMain.add(m.filterName()));
    }

    /** Adds one source, weaker than every source added before it. */
    public WebXmlMerger add(WebXml weaker, boolean isDescriptor) {
        if (isDescriptor) {
            allFragmentsDistributable &= weaker.distributable;
        }
        scalars(weaker);
        weaker.contextParams.forEach(result.contextParams::putIfAbsent);
        servlets(weaker, isDescriptor);
        filters(weaker, isDescriptor);
        result.listeners.addAll(weaker.listeners);
        weaker.mimeMappings.forEach(result.mimeMappings::putIfAbsent);
        weaker.localeEncodings.forEach(result.localeEncodings::putIfAbsent);
        errorPages(weaker);
        result.securityConstraints.addAll(weaker.securityConstraints);
        result.securityRoles.addAll(weaker.securityRoles);
        result.ignoredElements.addAll(weaker.ignoredElements);
        result.jspConfig = JspConfig.merge(result.jspConfig, weaker.jspConfig);
        weaker.annotationsByClass.forEach(result.annotationsByClass::putIfAbsent);
        return this;
    }

    /** The merged model; servlets get the class-level annotations of their class. */
    public WebXml result() {
        result.distributable = allFragmentsDistributable && result.distributable;
        for (ServletDef s : result.servlets.values()) {
            ServletDef byClass = s.className == null ? null : result.annotationsByClass.get(s.className);
            if (byClass != null) {
                s.complementFrom(byClass);
            }
        }
        return result;
    }

    private void scalars(WebXml w) {
        result.displayName = first(result.displayName, w.displayName);
        result.requestCharacterEncoding = first(result.requestCharacterEncoding, w.requestCharacterEncoding);
        result.responseCharacterEncoding = first(result.responseCharacterEncoding, w.responseCharacterEncoding);
        result.sessionConfig = first(result.sessionConfig, w.sessionConfig);
        result.loginConfig = first(result.loginConfig, w.loginConfig);
        result.denyUncoveredHttpMethods |= w.denyUncoveredHttpMethods;
        if (w.welcomeFiles != null) {
            // web.xml's list replaces; fragments' lists add up when web.xml has none
            if (result.welcomeFiles == null) {
                result.welcomeFiles = new ArrayList<>(w.welcomeFiles);
            } else if (!mainHasWelcomeFiles) {
                result.welcomeFiles.addAll(w.welcomeFiles);
            }
        }
    }

    private void servlets(WebXml w, boolean isDescriptor) {
        Set<String> mapped = isDescriptor ? servletsMappedByMain : new HashSet<>();
        if (!isDescriptor) {
            result.servletMappings.forEach(m -> mapped.add(m.servletName()));
        }
        for (ServletDef s : w.servlets.values()) {
            ServletDef existing = result.servlets.get(s.name);
            if (existing != null) {
                existing.complementFrom(s);
            } else {
                result.servlets.put(s.name, s);
            }
        }
        for (ServletMapping m : w.servletMappings) {
            if (!mapped.contains(m.servletName())) {
                result.servletMappings.add(m);
            }
        }
    }

    private void filters(WebXml w, boolean isDescriptor) {
        Set<String> mapped = isDescriptor ? filtersMappedByMain : new HashSet<>();
        if (!isDescriptor) {
            result.filterMappings.forEach(m -> mapped.add(m.filterName()));
        }
        for (FilterDef f : w.filters.values()) {
            FilterDef existing = result.filters.get(f.name);
            if (existing != null) {
                existing.complementFrom(f);
            } else {
                result.filters.put(f.name, f);
            }
        }
        for (FilterMapping m : w.filterMappings) {
            if (!mapped.contains(m.filterName())) {
                result.filterMappings.add(m);
            }
        }
    }

    private void errorPages(WebXml w) {
        List<ErrorPage> added = new ArrayList<>();
        for (ErrorPage p : w.errorPages) {
            boolean declared = result.errorPages.stream().anyMatch(q -> sameKey(p, q));
            if (!declared) {
                added.add(p);
            }
        }
        result.errorPages.addAll(added);
    }

    private static boolean sameKey(ErrorPage a, ErrorPage b) {
        return java.util.Objects.equals(a.errorCode(), b.errorCode())
                && java.util.Objects.equals(a.exceptionType(), b.exceptionType());
    }

    private static <T> T first(T strong, T weak) {
        return strong != null ? strong : weak;
    }
}
