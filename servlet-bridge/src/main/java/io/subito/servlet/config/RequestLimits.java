package io.subito.servlet.config;

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
    public static final String MAX_PART_COUNT = "maxPartCount";
    public static final String MAX_PART_HEADER_BYTES = "maxPartHeaderBytes";

    /** Bodies are held in one byte array, which cannot be larger than this. */
    public static final int MAX_BYTES = Integer.MAX_VALUE - 8;

    /** Tomcat 11's defaults for maxPostSize, maxParameterCount, maxPartCount and maxPartHeaderSize; 64 MiB for multipart. */
    public static final RequestLimits DEFAULTS = new RequestLimits(2 * 1024 * 1024, 10_000, 64L * 1024 * 1024, 50, 512);

    private final int maxFormBytes;
    private final int maxParameterCount;
    private final long maxMultipartBytes;
    private final int maxPartCount;
    private final int maxPartHeaderBytes;

    /** The three body limits, with the default part limits. */
    public RequestLimits(int maxFormBytes, int maxParameterCount, long maxMultipartBytes) {
        this(maxFormBytes, maxParameterCount, maxMultipartBytes, 50, 512);
    }

    /**
     * @param maxFormBytes an urlencoded body larger than this is not parsed into parameters
     * @param maxParameterCount parameters beyond this many (per query string or body) are dropped
     * @param maxMultipartBytes a multipart body larger than this is refused by getParts() when
     *        the servlet's multipart configuration sets no maxRequestSize
     * @param maxPartCount a multipart body with more parts than this is refused by getParts()
     * @param maxPartHeaderBytes a multipart body with a part whose header section (line ends and
     *        the empty line included) is longer than this is refused by getParts()
     * @throws IllegalArgumentException naming the setting, for a value out of range
     */
    public RequestLimits(int maxFormBytes, int maxParameterCount, long maxMultipartBytes, int maxPartCount,
                         int maxPartHeaderBytes) {
        this.maxFormBytes = (int) check(MAX_FORM_BYTES, maxFormBytes, MAX_BYTES);
        this.maxParameterCount = (int) check(MAX_PARAMETER_COUNT, maxParameterCount, Integer.MAX_VALUE);
        this.maxMultipartBytes = check(MAX_MULTIPART_BYTES, maxMultipartBytes, MAX_BYTES);
        this.maxPartCount = (int) check(MAX_PART_COUNT, maxPartCount, Integer.MAX_VALUE);
        this.maxPartHeaderBytes = (int) check(MAX_PART_HEADER_BYTES, maxPartHeaderBytes, MAX_BYTES);
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

    public int maxPartCount() {
        return maxPartCount;
    }

    public int maxPartHeaderBytes() {
        return maxPartHeaderBytes;
    }

    public RequestLimits withMaxFormBytes(int bytes) {
        return new RequestLimits(bytes, maxParameterCount, maxMultipartBytes, maxPartCount, maxPartHeaderBytes);
    }

    public RequestLimits withMaxParameterCount(int count) {
        return new RequestLimits(maxFormBytes, count, maxMultipartBytes, maxPartCount, maxPartHeaderBytes);
    }

    public RequestLimits withMaxMultipartBytes(long bytes) {
        return new RequestLimits(maxFormBytes, maxParameterCount, bytes, maxPartCount, maxPartHeaderBytes);
    }

    public RequestLimits withMaxPartCount(int count) {
        return new RequestLimits(maxFormBytes, maxParameterCount, maxMultipartBytes, count, maxPartHeaderBytes);
    }

    public RequestLimits withMaxPartHeaderBytes(int bytes) {
        return new RequestLimits(maxFormBytes, maxParameterCount, maxMultipartBytes, maxPartCount, bytes);
    }

    @Override
    public String toString() {
        return MAX_FORM_BYTES + "=" + maxFormBytes + ", " + MAX_PARAMETER_COUNT + "=" + maxParameterCount + ", "
                + MAX_MULTIPART_BYTES + "=" + maxMultipartBytes + ", " + MAX_PART_COUNT + "=" + maxPartCount + ", "
                + MAX_PART_HEADER_BYTES + "=" + maxPartHeaderBytes;
    }
}
