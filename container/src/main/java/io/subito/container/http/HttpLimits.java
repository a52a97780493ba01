package io.subito.container.http;

/** The parsing limits, from {@code conf/server.properties}. */
public record HttpLimits(int maxHeadBytes, int maxTargetLength, int maxHeaders, int maxChunkExtensionBytes,
                         int maxTrailerBytes) {
    public static HttpLimits defaults() {
        return new HttpLimits(8192, 4096, 100, 256, 8192);
    }
}
