package io.subito.deploy.descriptor;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Finds what two web-fragment.xml files declare differently (Servlet 6.1 section 8.2.3, 2.a):
 * such a conflict makes the application fail to deploy, unless web.xml declares the same thing
 * itself and so settles it. Checked: context-params, the class and init-params of servlets and
 * filters, error pages and MIME mappings. Within one descriptor the first declaration already
 * won at parsing, so only differences between fragments are left to find here.
 */
public final class FragmentConflicts {
    /** What some fragment declared for a key, and which fragment. */
    private record Declared(String value, String source) {
    }

    private final WebXml main;
    private final Map<String, Declared> seen = new HashMap<>();

    private FragmentConflicts(WebXml main) {
        this.main = main;
    }

    /**
     * @param main web.xml, or null when there is none
     * @param fragments the fragment descriptors that contribute, in order
     */
    public static void check(WebXml main, List<WebXml> fragments) throws DescriptorException {
        FragmentConflicts c = new FragmentConflicts(main);
        for (WebXml f : fragments) {
            c.contextParams(f);
            c.servlets(f);
            c.filters(f);
            c.errorPages(f);
            c.mimeMappings(f);
        }
    }

    private void contextParams(WebXml f) throws DescriptorException {
        for (Map.Entry<String, String> e : f.contextParams.entrySet()) {
            boolean settled = main != null && main.contextParams.containsKey(e.getKey());
            declare(settled, "context-param '" + e.getKey() + "'", e.getValue(), f);
        }
    }

    private void servlets(WebXml f) throws DescriptorException {
        for (ServletDef s : f.servlets.values()) {
            ServletDef inMain = main == null ? null : main.servlets.get(s.name);
            String what = "servlet '" + s.name + "'";
            if (s.className != null) {
                declare(inMain != null && inMain.className != null, what + " servlet-class", s.className, f);
            }
            for (Map.Entry<String, String> p : s.initParams.entrySet()) {
                boolean settled = inMain != null && inMain.initParams.containsKey(p.getKey());
                declare(settled, what + " init-param '" + p.getKey() + "'", p.getValue(), f);
            }
        }
    }

    private void filters(WebXml f) throws DescriptorException {
        for (FilterDef d : f.filters.values()) {
            FilterDef inMain = main == null ? null : main.filters.get(d.name);
            String what = "filter '" + d.name + "'";
            if (d.className != null) {
                declare(inMain != null && inMain.className != null, what + " filter-class", d.className, f);
            }
            for (Map.Entry<String, String> p : d.initParams.entrySet()) {
                boolean settled = inMain != null && inMain.initParams.containsKey(p.getKey());
                declare(settled, what + " init-param '" + p.getKey() + "'", p.getValue(), f);
            }
        }
    }

    private void errorPages(WebXml f) throws DescriptorException {
        for (ErrorPage p : f.errorPages) {
            boolean settled = main != null && main.errorPages.stream().anyMatch(m -> sameKey(m, p));
            String key = p.errorCode() != null ? "error-code " + p.errorCode()
                    : p.exceptionType() != null ? "exception-type " + p.exceptionType() : "default error-page";
            declare(settled, key, p.location(), f);
        }
    }

    private void mimeMappings(WebXml f) throws DescriptorException {
        for (Map.Entry<String, String> e : f.mimeMappings.entrySet()) {
            boolean settled = main != null && main.mimeMappings.containsKey(e.getKey());
            declare(settled, "mime-mapping '" + e.getKey() + "'", e.getValue(), f);
        }
    }

    /**
     * Records a fragment's value for {@code key}; a different value from an earlier fragment is a
     * conflict unless settled (a repeat within one fragment is not: its first declaration wins).
     */
    private void declare(boolean settledByMain, String key, String value, WebXml f) throws DescriptorException {
        if (settledByMain) {
            return;
        }
        Declared earlier = seen.putIfAbsent(key, new Declared(value, f.source));
        if (earlier != null && !earlier.source().equals(f.source) && !earlier.value().equals(value)) {
            throw new DescriptorException(key + " is '" + earlier.value() + "' in " + earlier.source() + " but '"
                    + value + "' in " + f.source + "; web.xml must declare it to settle the conflict");
        }
    }

    private static boolean sameKey(ErrorPage a, ErrorPage b) {
        return Objects.equals(a.errorCode(), b.errorCode()) && Objects.equals(a.exceptionType(), b.exceptionType());
    }
}
