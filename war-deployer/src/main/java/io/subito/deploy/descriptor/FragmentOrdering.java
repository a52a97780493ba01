package io.subito.deploy.descriptor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which fragments contribute (Servlet 6.1 section 8.2.2). With an
 * {@code <absolute-ordering>} in web.xml, its names in order, {@code <others/>} standing for the
 * unnamed rest, and fragments not listed excluded altogether. Otherwise the relative
 * {@code <ordering>} of each fragment: named before/after constraints are hard; among the
 * fragments free to go next, "before others" ones go first and "after others" ones last (a
 * fragment named as coming before a "before others" one counts as "before others" itself, and
 * likewise after), ties broken by jar order, so the result is stable.
 */
public final class FragmentOrdering {
    private FragmentOrdering() {
    }

    public static List<Fragment> order(WebXml main, List<Fragment> jars) throws DescriptorException {
        checkUniqueNames(jars);
        if (main != null && main.absoluteOrdering != null) {
            return absolute(main.absoluteOrdering, jars);
        }
        return relative(jars);
    }

    private static void checkUniqueNames(List<Fragment> jars) throws DescriptorException {
        Set<String> names = new HashSet<>();
        for (Fragment f : jars) {
            if (f.name() != null && !names.add(f.name())) {
                throw new DescriptorException(f.jarName() + ": fragment name '" + f.name() + "' is used by another jar too");
            }
        }
    }

    static List<Fragment> absolute(List<String> names, List<Fragment> jars) {
        Map<String, Fragment> byName = new LinkedHashMap<>();
        for (Fragment f : jars) {
            if (f.name() != null) {
                byName.put(f.name(), f);
            }
        }
        List<Fragment> others = new ArrayList<>();
        for (Fragment f : jars) {
            if (f.name() == null || !names.contains(f.name())) {
                others.add(f);
            }
        }
        List<Fragment> out = new ArrayList<>();
        for (String n : names) {
            if (n.equals(Ordering.OTHERS)) {
                out.addAll(others);
            } else if (byName.containsKey(n)) {
                out.add(byName.get(n)); // a name with no such fragment is ignored, as the spec says
            }
        }
        return out;
    }

    static List<Fragment> relative(List<Fragment> jars) throws DescriptorException {
        Map<Fragment, Integer> rank = effectiveRanks(jars);
        List<Fragment> remaining = new ArrayList<>(jars);
        List<Fragment> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Fragment next = null;
            for (Fragment f : remaining) {
                if (isFree(f, remaining) && (next == null || rank.get(f) < rank.get(next))) {
                    next = f;
                }
            }
            if (next == null) {
                throw new DescriptorException("web-fragment ordering has a cycle among: " + names(remaining));
            }
            remaining.remove(next);
            out.add(next);
        }
        return out;
    }

    /**
     * The rank of each fragment, where one that must come before a "before others" fragment is
     * "before others" too (else an unrelated fragment could be put ahead of both), and one that
     * must come after an "after others" fragment is "after others" too.
     */
    private static Map<Fragment, Integer> effectiveRanks(List<Fragment> jars) {
        Map<Fragment, Integer> rank = new IdentityHashMap<>();
        jars.forEach(f -> rank.put(f, rank(f)));
        for (boolean changed = true; changed; ) {
            changed = false;
            for (Fragment g : jars) {
                for (Fragment f : jars) {
                    if (g == f || !mustPrecede(g, f)) {
                        continue;
                    }
                    if (rank.get(f) == 0 && rank.get(g) == 1) {
                        rank.put(g, 0);
                        changed = true;
                    }
                    if (rank.get(g) == 2 && rank.get(f) == 1) {
                        rank.put(f, 2);
                        changed = true;
                    }
                }
            }
        }
        return rank;
    }

    /** 0 for "before others", 2 for "after others", 1 otherwise. */
    private static int rank(Fragment f) {
        Ordering o = f.ordering();
        if (o == null) {
            return 1;
        }
        return o.beforeOthers() ? 0 : o.afterOthers() ? 2 : 1;
    }

    /** Free to go next: no remaining fragment must come before it by name. */
    private static boolean isFree(Fragment f, List<Fragment> remaining) {
        for (Fragment g : remaining) {
            if (g != f && mustPrecede(g, f)) {
                return false;
            }
        }
        return true;
    }

    private static boolean mustPrecede(Fragment g, Fragment f) {
        boolean fAfterG = f.ordering() != null && g.name() != null && f.ordering().after().contains(g.name());
        boolean gBeforeF = g.ordering() != null && f.name() != null && g.ordering().before().contains(f.name());
        return fAfterG || gBeforeF;
    }

    private static List<String> names(List<Fragment> fs) {
        return fs.stream().map(f -> f.name() != null ? f.name() : f.jarName()).toList();
    }
}
