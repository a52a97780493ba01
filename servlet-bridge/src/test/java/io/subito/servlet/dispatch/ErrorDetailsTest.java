package io.subito.servlet.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Who sees an exception's details, decided in memory for addresses a test cannot connect from. */
class ErrorDetailsTest {
    @Test
    void localMeansLoopbackWithoutForwardingHeaders() throws Exception {
        assertTrue(ErrorDetails.LOCAL.showsTo(InetAddress.getByName("127.0.0.1"), false));
        assertTrue(ErrorDetails.LOCAL.showsTo(InetAddress.getByName("127.8.9.10"), false));
        assertTrue(ErrorDetails.LOCAL.showsTo(InetAddress.getByName("::1"), false));
        assertFalse(ErrorDetails.LOCAL.showsTo(InetAddress.getByName("127.0.0.1"), true), "a local proxy's clients are not local");
        assertFalse(ErrorDetails.LOCAL.showsTo(InetAddress.getByName("192.168.1.20"), false));
        assertFalse(ErrorDetails.LOCAL.showsTo(InetAddress.getByName("2001:db8::1"), false));
        assertFalse(ErrorDetails.LOCAL.showsTo(null, false));
    }

    @Test
    void offNeverOnAlways() throws Exception {
        assertFalse(ErrorDetails.OFF.showsTo(InetAddress.getByName("127.0.0.1"), false));
        assertTrue(ErrorDetails.ON.showsTo(InetAddress.getByName("198.51.100.7"), true));
    }

    @Test
    void parsesTheSettingAndRefusesOtherValuesNamingTheKey() {
        assertEquals(ErrorDetails.OFF, ErrorDetails.parse(""));
        assertEquals(ErrorDetails.LOCAL, ErrorDetails.parse(" Local "));
        assertEquals(ErrorDetails.ON, ErrorDetails.parse("on"));
        assertEquals("errorDetails=yes is not one of off, local, on",
                assertThrows(IllegalArgumentException.class, () -> ErrorDetails.parse("yes")).getMessage());
    }
}
