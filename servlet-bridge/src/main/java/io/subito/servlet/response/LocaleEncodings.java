package io.subito.servlet.response;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The container's default locale-to-charset table (as Jetty's), used by setLocale when the
 * application maps nothing. Languages whose charset is ISO-8859-1, the default anyway, are left
 * out so their Content-Type stays as the application set it.
 */
public final class LocaleEncodings {
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry("ar", "ISO-8859-6"), Map.entry("be", "ISO-8859-5"), Map.entry("bg", "ISO-8859-5"),
            Map.entry("cs", "ISO-8859-2"), Map.entry("el", "ISO-8859-7"), Map.entry("hr", "ISO-8859-2"),
            Map.entry("hu", "ISO-8859-2"), Map.entry("iw", "ISO-8859-8"), Map.entry("he", "ISO-8859-8"),
            Map.entry("ja", "Shift_JIS"), Map.entry("ko", "EUC-KR"), Map.entry("lt", "ISO-8859-2"),
            Map.entry("lv", "ISO-8859-2"), Map.entry("mk", "ISO-8859-5"), Map.entry("pl", "ISO-8859-2"),
            Map.entry("ro", "ISO-8859-2"), Map.entry("ru", "ISO-8859-5"), Map.entry("sh", "ISO-8859-5"),
            Map.entry("sk", "ISO-8859-2"), Map.entry("sl", "ISO-8859-2"), Map.entry("sq", "ISO-8859-2"),
            Map.entry("sr", "ISO-8859-5"), Map.entry("th", "TIS-620"), Map.entry("tr", "ISO-8859-9"),
            Map.entry("uk", "ISO-8859-5"), Map.entry("zh", "GB2312"), Map.entry("zh_tw", "Big5"));

    /** The application's own mappings (web.xml's locale-encoding-mapping-list), by lower-cased tag. */
    private final Map<String, String> mappings = new ConcurrentHashMap<>();

    public void add(String locale, String encoding) {
        mappings.put(locale.replace('-', '_').toLowerCase(Locale.ROOT), encoding);
    }

    /**
     * The encoding for a locale: the application's mappings first, then the container's
     * defaults; full tag before language. Null when neither knows the locale.
     */
    public String forLocale(Locale l) {
        String full = l.toString().toLowerCase(Locale.ROOT);
        String lang = l.getLanguage().toLowerCase(Locale.ROOT);
        if (!mappings.isEmpty()) {
            String enc = mappings.get(full);
            if (enc == null) {
                enc = mappings.get(lang);
            }
            if (enc != null) {
                return enc;
            }
        }
        return forLocale(full, lang);
    }

    /** The default for a lower-cased full tag ("zh_tw") or language ("zh"), or null. */
    public static String forLocale(String full, String language) {
        String enc = DEFAULTS.get(full);
        return enc != null ? enc : DEFAULTS.get(language);
    }
}
