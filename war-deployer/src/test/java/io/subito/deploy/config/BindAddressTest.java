package io.subito.deploy.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BindAddressTest {
    @Test
    void loopbackWildcardsAndThisMachinesNamesAreAccepted() {
        for (String ok : new String[] {"127.0.0.1", "localhost", "0.0.0.0", "::", "::1", "", " 127.0.0.1 "}) {
            assertDoesNotThrow(() -> BindAddress.check(ok), ok);
        }
    }

    @Test
    void aNameThatDoesNotResolveIsABadBindNamedAsSuch() {
        String m = assertThrows(IllegalArgumentException.class, () -> BindAddress.check("no-such-host.invalid")).getMessage();
        assertTrue(m.startsWith("bind=no-such-host.invalid does not resolve"), m);
        assertFalse(m.contains("Exception") || m.contains("port"), m);
    }

    @Test
    void anAddressOfAnotherMachineIsABadBindNotABusyPort() {
        String m = assertThrows(IllegalArgumentException.class, () -> BindAddress.check("192.0.2.1")).getMessage();
        assertTrue(m.startsWith("bind=192.0.2.1 is not an address of this machine"), m);
        assertFalse(m.contains("Exception") || m.contains("port"), m);
    }
}
