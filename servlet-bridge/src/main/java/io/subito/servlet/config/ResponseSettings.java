package io.subito.servlet.config;

/**
 * How a context shapes what it sends back: how many byte ranges one static response may hold,
 * and whether redirect {@code Location}s are relative. One immutable value per
 * {@link WebAppContext}, read on the request path without allocating. The names are the keys of
 * {@code conf/server.properties}, used in every message about a setting.
 */
public final class ResponseSettings {
    public static final String MAX_RANGES = "maxRanges";
    public static final String RELATIVE_REDIRECTS = "relativeRedirects";

    /** The largest maxRanges accepted: a Range header of more would not fit in a request head anyway. */
    public static final int MAX_RANGES_LIMIT = 4096;

    /**
     * 32 ranges, as Subito always allowed; relative redirects, as Tomcat's
     * {@code useRelativeRedirects=true}: a Location never repeats the client's Host header.
     */
    public static final ResponseSettings DEFAULTS = new ResponseSettings(32, true);

    private final int maxRanges;
    private final boolean relativeRedirects;

    /**
     * @param maxRanges a Range header with more ranges than this is answered 416
     * @param relativeRedirects true: {@code sendRedirect} sends a path without scheme and host;
     *        false: an absolute URI built from the request's scheme, Host and port
     * @throws IllegalArgumentException naming the setting, for a value out of range
     */
    public ResponseSettings(int maxRanges, boolean relativeRedirects) {
        if (maxRanges < 1 || maxRanges > MAX_RANGES_LIMIT) {
            throw new IllegalArgumentException(MAX_RANGES + "=" + maxRanges + " is out of range [1, " + MAX_RANGES_LIMIT + "]");
        }
        this.maxRanges = maxRanges;
        this.relativeRedirects = relativeRedirects;
    }

    public int maxRanges() {
        return maxRanges;
    }

    public boolean relativeRedirects() {
        return relativeRedirects;
    }

    public ResponseSettings withMaxRanges(int count) {
        return new ResponseSettings(count, relativeRedirects);
    }

    public ResponseSettings withRelativeRedirects(boolean relative) {
        return new ResponseSettings(maxRanges, relative);
    }

    @Override
    public String toString() {
        return MAX_RANGES + "=" + maxRanges + ", " + RELATIVE_REDIRECTS + "=" + relativeRedirects;
    }
}
