package io.subito.servlet.multipart;

/**
 * One bound on a multipart body, with the setting that sets it, so that going past it gives a
 * {@link MultipartLimitException} whose message tells the operator what to raise.
 *
 * @param setting the configuration key or {@code @MultipartConfig} element
 * @param max the largest allowed value; negative: no limit
 * @param what what went past it, e.g. "more than 50 parts"
 * @param source where the setting lives, e.g. " in the servlet's multipart configuration", or ""
 */
record Limit(String setting, long max, String what, String source) {

    static Limit none(String setting) {
        return new Limit(setting, -1, "", "");
    }

    boolean allows(long value) {
        return max < 0 || value <= max;
    }

    MultipartLimitException exceeded() {
        return new MultipartLimitException(setting, what + " (" + setting + "=" + max + source + ")");
    }
}
