package io.subito.deploy.accesslog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A log file that rolls over between lines: {@code access.log} is always the current file; at
 * the first line of a new day, or when a line would take it past {@code maxBytes}, it is renamed
 * to {@code access.DATE.log} (DATE = the day its lines were written; {@code access.DATE.N.log}
 * when that name is taken) and a new one is begun. Of the rolled files, the {@code maxFiles}
 * newest are kept. One thread writes (the access log's writer); UTF-8.
 */
public final class RollingFile extends Writer {
    /** When to roll and how many rolled files to keep; maxBytes 0: no size limit, maxFiles 0: keep all. */
    public record Policy(boolean daily, long maxBytes, int maxFiles) {
    }

    private final Path file;
    private final Policy policy;
    private final Clock clock;
    private final String base;
    private final String ext;
    private final Pattern rolledName;
    private OutputStream out;
    private long size;
    private LocalDate day;
    private boolean atLineStart = true;

    public RollingFile(Path file, Policy policy) throws IOException {
        this(file, policy, Clock.systemDefaultZone());
    }

    /** @param clock the time zone and clock that decide when a day ends (tests move it) */
    public RollingFile(Path file, Policy policy, Clock clock) throws IOException {
        this.file = file.toAbsolutePath();
        this.policy = policy;
        this.clock = clock;
        String name = this.file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        this.base = dot > 0 ? name.substring(0, dot) : name;
        this.ext = dot > 0 ? name.substring(dot) : "";
        this.rolledName = Pattern.compile(Pattern.quote(base) + "\\.(\\d{4}-\\d{2}-\\d{2})(?:\\.(\\d+))?" + Pattern.quote(ext));
        Files.createDirectories(this.file.getParent());
        open();
        // a file left by an earlier run belongs to the day it was last written
        day = size > 0 ? LocalDate.ofInstant(Files.getLastModifiedTime(this.file).toInstant(), clock.getZone()) : today();
    }

    private void open() throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 16 * 1024);
        size = Files.size(file);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(Instant.now(clock), clock.getZone());
    }

    @Override
    public void write(String s, int off, int len) throws IOException {
        write(s.substring(off, off + len));
    }

    @Override
    public void write(String s) throws IOException {
        if (s.isEmpty()) {
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (atLineStart) {
            rollIfDue(bytes.length + 1); // and its line end, which the caller may write apart
        }
        out.write(bytes);
        size += bytes.length;
        atLineStart = s.charAt(s.length() - 1) == '\n';
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        write(new String(cbuf, off, len));
    }

    @Override
    public void write(int c) throws IOException {
        write(String.valueOf((char) c));
    }

    private void rollIfDue(int next) throws IOException {
        LocalDate now = policy.daily() ? today() : day;
        boolean newDay = !now.equals(day);
        boolean full = policy.maxBytes() > 0 && size > 0 && size + next > policy.maxBytes();
        if (newDay || full) {
            roll();
            day = now;
        }
    }

    /** Renames the current file after its day and begins a new one. */
    private void roll() throws IOException {
        out.close();
        if (size > 0) {
            Files.move(file, nextName(), StandardCopyOption.ATOMIC_MOVE);
        }
        open();
        prune();
    }

    /**
     * {@code access.DAY.log} for the day's first, then {@code access.DAY.N.log} with N above every
     * N of that day still there (a name freed by pruning is not taken again: it would sort as old).
     */
    private Path nextName() throws IOException {
        int highest = -1;
        for (Path p : rolledFiles()) {
            Matcher m = rolledName.matcher(p.getFileName().toString());
            if (m.matches() && m.group(1).equals(day.toString())) {
                highest = Math.max(highest, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
            }
        }
        return file.resolveSibling(base + "." + day + (highest < 0 ? "" : "." + (highest + 1)) + ext);
    }

    /** Deletes the oldest rolled files beyond {@code maxFiles}. */
    private void prune() throws IOException {
        if (policy.maxFiles() <= 0) {
            return;
        }
        List<Path> rolled = rolledFiles();
        for (int i = policy.maxFiles(); i < rolled.size(); i++) {
            Files.deleteIfExists(rolled.get(i));
        }
    }

    /** The rolled files next to this one, newest first. */
    public List<Path> rolledFiles() throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(file.getParent())) {
            s.filter(p -> rolledName.matcher(p.getFileName().toString()).matches()).forEach(found::add);
        }
        found.sort(Comparator.comparing((Path p) -> sortKey(p)).reversed());
        return found;
    }

    /** DATE then N as a zero-padded number, so that names sort by age. */
    private String sortKey(Path p) {
        Matcher m = rolledName.matcher(p.getFileName().toString());
        m.matches();
        String n = m.group(2) == null ? "0" : m.group(2);
        return m.group(1) + "." + "0".repeat(Math.max(0, 10 - n.length())) + n;
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
