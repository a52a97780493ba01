package io.subito.deploy.accesslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rolling over by day and by size, and how many rolled files are kept, with a clock the test moves. */
class RollingFileTest {
    @TempDir
    Path dir;

    /** A clock whose time the test sets. */
    private static final class MovableClock extends Clock {
        Instant now;

        MovableClock(String instant) {
            now = Instant.parse(instant);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    @Test
    void theFirstLineOfANewDayStartsANewFileAndTheOldOneIsNamedAfterItsDay() throws Exception {
        MovableClock clock = new MovableClock("2026-03-01T23:59:00Z");
        Path file = dir.resolve("access.log");
        try (RollingFile f = new RollingFile(file, new RollingFile.Policy(true, 0, 0), clock)) {
            line(f, "first day");
            clock.now = Instant.parse("2026-03-02T00:00:01Z");
            line(f, "second day");
            clock.now = Instant.parse("2026-03-04T08:00:00Z");
            line(f, "fourth day");
        }
        assertEquals(List.of("fourth day"), Files.readAllLines(file));
        assertEquals(List.of("first day"), Files.readAllLines(dir.resolve("access.2026-03-01.log")));
        assertEquals(List.of("second day"), Files.readAllLines(dir.resolve("access.2026-03-02.log")));
    }

    @Test
    void aLineThatWouldPassTheSizeLimitGoesToANewFileAndOnlyMaxFilesAreKept() throws Exception {
        MovableClock clock = new MovableClock("2026-03-01T10:00:00Z");
        Path file = dir.resolve("access.log");
        try (RollingFile f = new RollingFile(file, new RollingFile.Policy(false, 20, 3), clock)) {
            for (int i = 0; i < 10; i++) {
                line(f, "line " + i + " ....."); // 13 bytes with its line end: one line a file
            }
            List<Path> rolled = f.rolledFiles();
            assertEquals(3, rolled.size(), rolled.toString());
            assertEquals("access.2026-03-01.8.log", rolled.get(0).getFileName().toString());
            assertEquals(List.of("line 8 ....."), Files.readAllLines(rolled.get(0)));
            assertEquals("access.2026-03-01.6.log", rolled.get(2).getFileName().toString());
        }
        assertEquals(List.of("line 9 ....."), Files.readAllLines(file));
    }

    @Test
    void aFileLeftByAnEarlierRunRollsAtTheFirstLineOfALaterDay() throws Exception {
        Path file = dir.resolve("access.log");
        Files.writeString(file, "old\n");
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-02-27T12:00:00Z")));
        try (RollingFile f = new RollingFile(file, new RollingFile.Policy(true, 0, 0), new MovableClock("2026-03-01T10:00:00Z"))) {
            line(f, "new");
        }
        assertEquals(List.of("old"), Files.readAllLines(dir.resolve("access.2026-02-27.log")));
        assertEquals(List.of("new"), Files.readAllLines(file));
        assertTrue(Files.exists(file));
    }

    private static void line(RollingFile f, String s) throws Exception {
        f.write(s);
        f.write('\n');
        f.flush();
    }
}
