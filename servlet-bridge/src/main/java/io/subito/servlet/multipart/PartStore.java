package io.subito.servlet.multipart;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where one request's parts keep their content. A part stays in memory while it is no larger
 * than the servlet's fileSizeThreshold and the parts kept in memory so far leave room for it in
 * the request's memory budget; otherwise it streams to a temp file in the multipart location.
 * So the heap a request holds is bounded by the budget whatever the threshold and the number of
 * parts, and is never more than the bytes that came. The temp files made are remembered, so
 * that a request that fails half-way leaves none behind.
 */
final class PartStore {
    /** The least memory budget of a request (so a small threshold still keeps small fields in memory). */
    static final long MIN_MEMORY_BUDGET = 1024 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final Path location;
    private final long threshold;
    private long memoryLeft;
    /** Collects a part while it may stay in memory; reused for every part of the request. */
    private byte[] collect = EMPTY;
    private final byte[] io = new byte[PartScanner.BUFFER_SIZE];
    private final List<Path> files = new ArrayList<>(2);

    /**
     * @param threshold the servlet's fileSizeThreshold: larger parts go to temp files
     * @param memoryBudget the bytes of content all parts of the request may keep in memory together
     */
    PartStore(Path location, long threshold, long memoryBudget) {
        this.location = location;
        this.threshold = Math.max(0, threshold);
        this.memoryLeft = memoryBudget;
    }

    /** The budget for a servlet's threshold: the threshold, and at least {@link #MIN_MEMORY_BUDGET}. */
    static long budgetFor(long threshold) {
        return Math.max(threshold, MIN_MEMORY_BUDGET);
    }

    long memoryLeft() {
        return memoryLeft;
    }

    /**
     * Reads the current part's content from {@code scanner} to its end and makes the part.
     *
     * @param maxFileSize bounds this part's content
     */
    FormPart read(PartScanner scanner, byte[] head, Charset headerCharset, String name, String fileName,
                  Limit maxFileSize) throws IOException {
        long inMemory = Math.min(threshold, memoryLeft); // this part stays in memory only up to this size
        int n = 0;
        long size = 0;
        Path file = null;
        OutputStream out = null;
        try {
            while (true) {
                int r;
                if (out == null) {
                    if (n == collect.length && !growCollect(inMemory)) {
                        file = newTempFile();
                        out = Files.newOutputStream(file);
                        out.write(collect, 0, n);
                        continue;
                    }
                    r = scanner.readContent(collect, n, collect.length - n);
                } else {
                    r = scanner.readContent(io, 0, io.length);
                }
                if (r < 0) {
                    break;
                }
                size += r;
                if (!maxFileSize.allows(size)) {
                    throw maxFileSize.exceeded();
                }
                if (out == null) {
                    n += r;
                } else {
                    out.write(io, 0, r);
                }
            }
            if (out == null && n > inMemory) { // the last read filled the room meant for one byte more
                file = newTempFile();
                out = Files.newOutputStream(file);
                out.write(collect, 0, n);
            }
        } finally {
            if (out != null) {
                out.close();
            }
        }
        byte[] memory = null;
        if (file == null) {
            memory = n == 0 ? EMPTY : Arrays.copyOf(collect, n);
            memoryLeft -= n;
        }
        return new FormPart(head, headerCharset, name, fileName, size, location, memory, file);
    }

    /**
     * Makes room in {@link #collect} for more of a part that may stay in memory up to
     * {@code inMemory} bytes: room for one byte more than that, so reaching it shows the part is
     * larger. False when the part has outgrown it.
     */
    private boolean growCollect(long inMemory) {
        long cap = Math.min(inMemory + 1, Integer.MAX_VALUE - 8);
        if (collect.length >= cap) {
            return false;
        }
        collect = Arrays.copyOf(collect, (int) Math.min(cap, Math.max(1024L, collect.length * 2L)));
        return true;
    }

    private Path newTempFile() throws IOException {
        Path f = Files.createTempFile(location, "part-", ".tmp");
        files.add(f);
        return f;
    }

    /** A request that failed: its temp files go now, since no part of it reaches the application. */
    void deleteAll() {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // left to the context's temp directory, removed when the context stops
            }
        }
        files.clear();
    }
}
