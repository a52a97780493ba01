package io.subito.servlet.request;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Accept-Language, ordered by quality (stable for equal q), defaulting to the server locale. */
public final class Locales {
    private Locales() {
    }

    /**
     * The locales of a request's Accept-Language values. The common cases (no header; one
     * language without a quality) skip the parsing and sorting, and the list answered is
     * unmodifiable in every case.
     */
    public static List<Locale> parse(List<String> headers) {
        if (headers.isEmpty()) {
            return defaultLocales();
        }
        if (headers.size() == 1) {
            String h = headers.get(0).trim();
            if (!h.isEmpty() && !h.equals("*") && h.indexOf(',') < 0 && h.indexOf(';') < 0) {
                return List.of(Locale.forLanguageTag(h));
            }
        }
        return sorted(headers);
    }

    /** The server's default locale as a list, made again only when the default changes. */
    private static volatile List<Locale> defaults = List.of(Locale.getDefault());

    private static List<Locale> defaultLocales() {
        List<Locale> d = defaults;
        Locale now = Locale.getDefault();
        if (d.get(0) != now) {
            d = List.of(now);
            defaults = d;
        }
        return d;
    }

    private static List<Locale> sorted(List<String> headers) {
        List<double[]> qs = new ArrayList<>();
        List<Locale> locales = new ArrayList<>();
        for (String h : headers) {
            for (String part : h.split(",")) {
                String[] bits = part.trim().split(";");
                String tag = bits[0].trim();
                if (tag.isEmpty() || tag.equals("*")) {
                    continue;
                }
                double q = 1;
                for (int i = 1; i < bits.length; i++) {
                    String b = bits[i].trim();
                    if (b.startsWith("q=")) {
                        try {
                            q = Double.parseDouble(b.substring(2));
                        } catch (NumberFormatException e) {
                            q = 0;
                        }
                    }
                }
                if (q > 0) {
                    locales.add(Locale.forLanguageTag(tag));
                    qs.add(new double[] {q, qs.size()});
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < locales.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -qs.get(i)[0]).thenComparingInt(i -> i));
        List<Locale> out = new ArrayList<>();
        for (int i : order) {
            out.add(locales.get(i));
        }
        if (out.isEmpty()) {
            out.add(Locale.getDefault());
        }
        return List.copyOf(out);
    }
}
