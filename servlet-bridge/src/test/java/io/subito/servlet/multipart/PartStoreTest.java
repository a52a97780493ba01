package io.subito.servlet.multipart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where parts' content goes: memory within the threshold and the request's budget, else temp files. */
class PartStoreTest {
    @TempDir
    Path dir;

    /** Reads every part of {@code body} through a store with the given threshold and budget. */
    List<FormPart> store(String body, long threshold, long budget, Limit maxFileSize) throws IOException {
        PartStore store = new PartStore(dir, threshold, budget);
        PartScanner s = new PartScanner(new ByteArrayInputStream(body.getBytes(StandardCharsets.ISO_8859_1)), "B",
                Limit.none("maxMultipartBytes"));
        List<FormPart> parts = new ArrayList<>();
        try {
            while (s.nextPart()) {
                byte[] head = s.headerSection(Limit.none("maxPartHeaderBytes"));
                parts.add(store.read(s, head, StandardCharsets.UTF_8, "p" + parts.size(), null, maxFileSize));
            }
        } catch (IOException | RuntimeException e) {
            store.deleteAll();
            throw e;
        }
        return parts;
    }

    static String body(int... sizes) {
        StringBuilder sb = new StringBuilder();
        for (int size : sizes) {
            sb.append("--B\r\nContent-Type: text/plain\r\n\r\n").append("x".repeat(size)).append("\r\n");
        }
        return sb.append("--B--\r\n").toString();
    }

    long tempFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void partsUpToTheThresholdStayInMemoryAndLargerOnesGoToTempFiles() throws Exception {
        List<FormPart> parts = store(body(0, 100, 101, 5000), 100, PartStore.budgetFor(100), Limit.none("maxFileSize"));
        assertTrue(parts.get(0).isInMemory());
        assertTrue(parts.get(1).isInMemory());
        assertFalse(parts.get(2).isInMemory());
        assertFalse(parts.get(3).isInMemory());
        assertEquals(2, tempFiles());
        assertEquals("x".repeat(5000), parts.get(3).text(StandardCharsets.UTF_8));
        assertEquals(101, parts.get(2).getSize());
        assertEquals("text/plain", parts.get(2).getContentType());
    }

    @Test
    void withThresholdZeroEveryNonEmptyPartIsATempFile() throws Exception {
        List<FormPart> parts = store(body(1, 0, 3), 0, PartStore.budgetFor(0), Limit.none("maxFileSize"));
        assertFalse(parts.get(0).isInMemory());
        assertTrue(parts.get(1).isInMemory(), "an empty part needs no file");
        assertFalse(parts.get(2).isInMemory());
        assertEquals(2, tempFiles());
    }

    @Test
    void smallPartsPastTheRequestsMemoryBudgetGoToTempFiles() throws Exception {
        // each part fits the threshold, but together they pass the budget of 250 bytes
        List<FormPart> parts = store(body(100, 100, 100, 40), 1000, 250, Limit.none("maxFileSize"));
        assertTrue(parts.get(0).isInMemory());
        assertTrue(parts.get(1).isInMemory());
        assertFalse(parts.get(2).isInMemory(), "would take the request past its budget");
        assertTrue(parts.get(3).isInMemory(), "still fits what is left");
        assertEquals(1, tempFiles());
    }

    @Test
    void theBudgetIsAtLeastAMebibyteAndOtherwiseTheThreshold() {
        assertEquals(1024 * 1024, PartStore.budgetFor(0));
        assertEquals(1024 * 1024, PartStore.budgetFor(4096));
        assertEquals(10_000_000, PartStore.budgetFor(10_000_000));
    }

    @Test
    void aPartOverMaxFileSizeIsRefusedAndTheTempFilesMadeSoFarAreDeleted() throws Exception {
        Limit max = new Limit("maxFileSize", 1000, "a part larger than 1000 bytes", " in the servlet's multipart configuration");
        MultipartLimitException e = assertThrows(MultipartLimitException.class,
                () -> store(body(10, 600, 1001), 100, PartStore.budgetFor(100), max));
        assertEquals("a part larger than 1000 bytes (maxFileSize=1000 in the servlet's multipart configuration)",
                e.getMessage());
        assertEquals(0, tempFiles(), "the spilled parts and the one cut off are gone");
        assertEquals(1, store(body(1000), 100, PartStore.budgetFor(100), max).size(), "exactly at the limit is fine");
    }

    @Test
    void deleteRemovesTheTempFileAndWriteMovesItOutOfTheRequestsHands() throws Exception {
        List<FormPart> parts = store(body(500, 500), 10, PartStore.budgetFor(10), Limit.none("maxFileSize"));
        parts.get(0).delete();
        assertThrows(IOException.class, parts.get(0)::getInputStream);
        parts.get(1).write("kept.txt");
        parts.get(1).delete();
        assertTrue(Files.exists(dir.resolve("kept.txt")), "a written file is the application's, not deleted with the part");
        assertEquals(1, tempFiles());
    }

    @Test
    void partHeadersAreReadFromTheBytesSent() throws Exception {
        byte[] head = ("Content-Disposition: form-data; name=\"f\"; filename=\"C:\\dir\\a \\\"b\\\".txt\"\r\n"
                + "content-type:  text/plain \r\nX-Two: 1\r\nx-two: 2\r\n").getBytes(StandardCharsets.UTF_8);
        PartHeaders.check(head);
        assertEquals("text/plain", PartHeaders.get(head, StandardCharsets.UTF_8, "Content-Type"));
        assertEquals(List.of("1", "2"), PartHeaders.values(head, StandardCharsets.UTF_8, "X-TWO", false));
        assertEquals(List.of("Content-Disposition", "content-type", "X-Two"),
                PartHeaders.values(head, StandardCharsets.UTF_8, null, false));
        assertNull(PartHeaders.get(head, StandardCharsets.UTF_8, "X-None"));
        String cd = PartHeaders.get(head, StandardCharsets.UTF_8, "content-disposition");
        assertEquals("form-data", HeaderParams.type(cd));
        assertEquals("f", HeaderParams.get(cd, "NAME"));
        assertEquals("C:\\dir\\a \"b\".txt", HeaderParams.get(cd, "filename"));
        assertEquals("x;y", HeaderParams.get("form-data; name=\"x;y\"; filename=z", "name"));
        assertEquals("z", HeaderParams.get("form-data; name=\"x;y\"; filename=z", "filename"));
        assertNull(HeaderParams.get("form-data; filename*=UTF-8''a", "filename"));
    }

    @Test
    void malformedHeaderLinesAreRefused() {
        for (String bad : new String[] {"no colon\r\n", ": empty name\r\n", "Sp ace: 1\r\n", "Name : 1\r\n",
                " folded: 1\r\n", "A: 1\r\n\tcontinued\r\n", "A: nul\u0000\r\n", "A: del\u007f\r\n", "N\u00e9: 1\r\n"}) {
            assertThrows(MalformedMultipartException.class,
                    () -> PartHeaders.check(bad.getBytes(StandardCharsets.ISO_8859_1)), bad);
        }
    }

    @Test
    void boundariesOutsideRfc2046AreRefused() throws Exception {
        assertEquals("a'()+_,-./:=? b", Boundary.of("multipart/form-data; boundary=\"a'()+_,-./:=? b\""));
        assertEquals("----WebKitFormBoundary7MA4YWxkTrZu0gW",
                Boundary.of("multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW"));
        for (String bad : new String[] {"multipart/form-data", "multipart/form-data; boundary=",
                "multipart/form-data; boundary=\"\"", "multipart/form-data; boundary=" + "b".repeat(71),
                "multipart/form-data; boundary=\"ends in space \"", "multipart/form-data; boundary=a\rb",
                "multipart/form-data; boundary=\"semi;colon\"", "multipart/form-data; boundary=\u00e9"}) {
            assertThrows(MalformedMultipartException.class, () -> Boundary.of(bad), bad);
        }
    }
}
