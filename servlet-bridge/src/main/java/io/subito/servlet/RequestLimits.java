package io.subito.servlet;

/**
 * The servlet layer's limits on what a request may make the container parse, one immutable
 * value per {@link WebAppContext} so the request path reads them without allocating. The
 * names are the keys of {@code conf/server.properties}, used in every message about a limit
 * so an operator knows what to raise.
 */
public final class RequestLimits {
    public static final String MAX_FORM_BYTES = "maxFormBytes";
    public static final String MAX_PARAMETER_COUNT = "maxParameterCount";
    public static final String MAX_MULTIPART_BYTES = "maxMultipartBytes";

    /** Bodies are held in one byte array, which cannot be larger than this. */
    public static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    /** Tomcat's defaults for maxPostSize and maxParameterCount; 64 MiB for multipart in memory. */
    public static final RequestLimits DEFAULTS = new RequestLimits(2 * 1024 * 1024, 10_000, 64L * 1024 * 1024);

    private final int maxFormBytes;
    private final int maxParameterCount;
    private final long maxMultipartBytes;

    /**
     * @param maxFormBytes an urlencoded body larger than this is not parsed into parameters
     * @param maxParameterCount parameters beyond this many (per query string or body) are dropped
     * @param maxMultipartBytes a multipart body larger than this is refused by getParts() when
     *        the servlet's multipart configuration sets no maxRequestSize
     * @throws IllegalArgumentException naming the setting, for a value out of range
     */
    public RequestLimits(int maxFormBytes, int maxParameterCount, long maxMultipartBytes) {
        this.maxFormBytes = (int) check(MAX_FORM_BYTES, maxFormBytes, MAX_BYTES);
        this.maxParameterCount = (int) check(MAX_PARAMETER_COUNT, maxParameterCount, Integer.MAX_VALUE);
        this.maxMultipartBytes = check(MAX_MULTIPART_BYTES, maxMultipartBytes, MAX_BYTES);
    }

    private static long check(String key, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(key + "=" + value + " is out of range [0, " + max + "]");
        }
        return value;
    }

    public int maxFormBytes() {
        return maxFormBytes;
    }

    public int maxParameterCount() {
        return maxParameterCount;
    }

    public long maxMultipartBytes() {
        return maxMultipartBytes;
    }

    public RequestLimits withMaxFormBytes(int bytes) {
        return new RequestLimits(bytes, maxParameterCount, maxMultipartBytes);
    }

    public RequestLimits withMaxParameterCount(int count) {
        return new RequestLimits(maxFormBytes, count, maxMultipartBytes);
    }

    public RequestLimits withMaxMultipartBytes(long bytes) {
        return new RequestLimits(maxFormBytes, maxParameterCount, bytes);
    }

    @Override
    public String toString() {
        return MAX_FORM_BYTES + "=" + maxFormBytes + ", " + MAX_PARAMETER_COUNT + "=" + maxParameterCount + ", "
                + MAX_MULTIPART_BYTES + "=" + maxMultipartBytes;
    }
}
