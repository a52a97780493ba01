package io.subito.container.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

class RateLimitedLogTest {

    /** A System.Logger that keeps what it is given. */
    static final class Recorder implements System.Logger {
        final List<String> lines = new ArrayList<>();

        @Override
        public String getName() {
            return "recorder";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
            lines.add(level + " " + msg);
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            lines.add(level + " " + format);
        }
    }

    @Test
    void oneLinePerIntervalAndTheNextCountsWhatWasLeftOut() {
        Recorder r = new Recorder();
        long[] now = {1_000};
        RateLimitedLog log = new RateLimitedLog(r, 50, () -> now[0]);
        log.warn("first");
        log.warn("second");
        now[0] += 49_000_000;
        log.warn("third");
        assertEquals(List.of("WARNING first"), r.lines);
        now[0] += 1_000_000;
        log.warn("fourth");
        log.warn("fifth");
        assertEquals(List.of("WARNING first", "WARNING fourth (2 more like this left out of the log)"), r.lines);
    }

    @Test
    void controlCharactersAndLengthAreTamed() {
        assertEquals("a?b?c", RateLimitedLog.printable("a\r\nb\u0000c").replace("??", "?"));
        assertEquals(163, RateLimitedLog.printable("x".repeat(500)).length());
    }
}
