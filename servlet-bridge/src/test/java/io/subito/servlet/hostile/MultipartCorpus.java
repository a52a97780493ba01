package io.subito.servlet.hostile;

import io.subito.servlet.support.MultipartSender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The multipart corpus: bodies that cost a lenient parser CPU or heap (CVE-2023-24998 and its
 * kin), break RFC 2046 / RFC 7578, or look like they do while being well formed. Every row runs
 * against the default limits (maxPartCount 50, maxPartHeaderBytes 512, maxMultipartBytes 64 MiB,
 * a servlet with {@code @MultipartConfig} and no limits of its own). Adding a case is adding
 * one line.
 */
public final class MultipartCorpus {
    static final String B = "CorpusBoundary";
    static final String TYPE = "multipart/form-data; boundary=" + B;
    static final String FIELD = "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n";
    static final String END = "--" + B + "--\r\n";

    private static final List<MultipartCase> ROWS = List.of(
            // ---- many parts (maxPartCount)
            refused("a million one-byte parts in 66 MB (CVE-2023-24998)", TYPE,
                    MultipartSender.manyPartsLength(B, 1_000_000), MultipartSender.manyParts(B, 1_000_000), 413, "maxPartCount=50"),
            refused("51 one-byte fields", 413, FIELD.repeat(51) + END, "maxPartCount=50"),
            refused("51 parts without a name (skipped, still counted)", 413,
                    ("--" + B + "\r\n\r\nv\r\n").repeat(51) + END, "maxPartCount=50"),
            refused("51 empty parts", 413, ("--" + B + "\r\nContent-Disposition: form-data; name=\"e\"\r\n\r\n\r\n").repeat(51) + END,
                    "maxPartCount=50"),
            // ---- part headers (maxPartHeaderBytes)
            refused("a part header of 513 bytes", 413, "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"\r\nX: "
                    + "h".repeat(513 - 42 - 3 - 4) + "\r\n\r\nv\r\n" + END, "maxPartHeaderBytes=512"),
            refused("a part header that never ends (1 MiB without a line end)", 413,
                    "--" + B + "\r\nX: " + "h".repeat(1 << 20) + "\r\n\r\nv\r\n" + END, "maxPartHeaderBytes=512"),
            refused("100 short header lines in one part", 413, "--" + B + "\r\n" + "X: 1\r\n".repeat(100) + "\r\nv\r\n" + END,
                    "maxPartHeaderBytes=512"),
            refused("a 400-byte filename in each of 60 parts", 413, ("--" + B + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\""
                    + "n".repeat(400) + "\"\r\n\r\nv\r\n").repeat(60) + END, "maxPartCount=50"),
            // ---- size (maxMultipartBytes)
            new MultipartCase("a declared body over maxMultipartBytes, refused before it is read", TYPE, 64L * 1024 * 1024 + 1,
                    MultipartSender.bytes(new byte[0]), 413, "maxMultipartBytes=67108864"),
            // ---- the body's end (RFC 2046 section 5.1.1)
            refused("no boundary anywhere in the body", 400, "a body that is not multipart at all", "no multipart boundary"),
            refused("an empty body", 400, "", "no multipart boundary"),
            refused("the close-delimiter never comes", 400, FIELD, "before the closing boundary"),
            refused("the body ends inside a part's content", 400, FIELD + "--" + B + "\r\nContent-Disposition: form-data; name=\"g\"\r\n\r\nhalf",
                    "before the closing boundary"),
            refused("the body ends inside a part's header section", 400, FIELD + "--" + B + "\r\nContent-Disposition: form",
                    "inside a part"),
            refused("the body ends right after a boundary", 400, FIELD + "--" + B, "right after a boundary"),
            refused("a boundary followed by other bytes", 400, "--" + B + "x\r\n\r\nv\r\n" + END, "followed by something other"),
            refused("delimiters ended by LF only", 400, "--" + B + "\nContent-Disposition: form-data; name=\"f\"\n\nv\n--" + B + "--\n",
                    "followed by something other"),
            refused("a boundary of a different case", 400, FIELD.replace(B, B.toLowerCase()) + END.replace(B, B.toLowerCase()),
                    "no multipart boundary"),
            // ---- part header sections (RFC 7578 section 4.8)
            refused("a bare LF in a part header", 400, "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"\n\r\nv\r\n" + END, "bare LF"),
            refused("a bare CR in a part header", 400, "--" + B + "\r\nContent-Disposition: form-data;\r name=\"f\"\r\n\r\nv\r\n" + END, "bare CR"),
            refused("an obs-folded part header", 400, "--" + B + "\r\nContent-Disposition: form-data;\r\n name=\"f\"\r\n\r\nv\r\n" + END, "folded"),
            refused("a part header line without a colon", 400, "--" + B + "\r\nContent-Disposition form-data\r\n\r\nv\r\n" + END, "without a colon"),
            refused("whitespace before a part header's colon", 400, "--" + B + "\r\nContent-Disposition : form-data; name=\"f\"\r\n\r\nv\r\n" + END,
                    "not a token character"),
            refused("NUL in a part header value", 400, "--" + B + "\r\nContent-Disposition: form-data; name=\"f\0\"\r\n\r\nv\r\n" + END,
                    "control character"),
            // ---- the Content-Type's boundary
            new MultipartCase("no boundary parameter", "multipart/form-data", 3, bytes("abc"), 400, "without a boundary"),
            new MultipartCase("a boundary of 71 characters", "multipart/form-data; boundary=" + "b".repeat(71), 3, bytes("abc"), 400,
                    "longer than 70"),
            new MultipartCase("a boundary with a character RFC 2046 does not allow", "multipart/form-data; boundary=\"a;b\"", 3,
                    bytes("abc"), 400, "does not allow"),
            // ---- well formed, though they look odd
            accepted("exactly 50 parts", FIELD.repeat(50) + END, "parts=50"),
            accepted("a part header of exactly 512 bytes", "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"\r\nX: "
                    + "h".repeat(512 - 42 - 3 - 4) + "\r\n\r\nv\r\n" + END, "parts=1"),
            accepted("only the close-delimiter (an empty form)", END, "parts=0"),
            accepted("a preamble, transport padding and an epilogue", "preamble\r\n--" + B + " \t\r\n"
                    + "Content-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--" + B + "-- \r\nepilogue " + FIELD, "parts=1"),
            accepted("content full of near-delimiters", "--" + B + "\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\n"
                    + ("\r\n--" + B.substring(0, 8) + "\r\n-" + B + "\r").repeat(1000) + "\r\n" + END, "parts=1"),
            accepted("parts that are not form-data are skipped", "--" + B + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nv\r\n"
                    + "--" + B + "\r\nX-Other: 1\r\n\r\nv\r\n" + FIELD + END, "parts=1"));

    private MultipartCorpus() {
    }

    public static List<MultipartCase> all() {
        return new ArrayList<>(ROWS);
    }

    static MultipartCase refused(String name, String type, long length, MultipartSender.Body body, int status, String mentions) {
        return new MultipartCase(name, type, length, body, status, mentions);
    }

    static MultipartCase refused(String name, int status, String body, String mentions) {
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        return new MultipartCase(name, TYPE, b.length, MultipartSender.bytes(b), status, mentions);
    }

    static MultipartCase accepted(String name, String body, String parts) {
        return refused(name, 200, body, parts);
    }

    private static MultipartSender.Body bytes(String s) {
        return MultipartSender.bytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }
}
