package io.subito.deploy.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * Checks {@code bind} before anything listens, so that a name that does not resolve, or an
 * address this machine does not have, is reported as a bad {@code bind} rather than as whatever
 * the socket layer throws (an unresolved-address exception, or a bind failure that reads like a
 * port in use).
 */
public final class BindAddress {
    private BindAddress() {
    }

    /**
     * @param bind the {@code bind} value: a name or an address; blank, {@code 0.0.0.0} or
     *        {@code ::} for every address
     * @throws IllegalArgumentException starting with {@code bind=VALUE}, for a name that does not
     *         resolve or an address of no interface of this machine
     */
    public static InetAddress check(String bind) {
        String v = bind == null ? "" : bind.trim();
        if (v.isEmpty()) {
            return null; // every address, as the engine takes it
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind=" + v + " does not resolve to an address"
                    + " (use 127.0.0.1 for this machine only, 0.0.0.0 for every address, or an address of this machine)");
        }
        if (!isLocal(address)) {
            String resolved = address.getHostAddress().equals(v) ? "" : " (" + address.getHostAddress() + ")";
            throw new IllegalArgumentException("bind=" + v + resolved + " is not an address of this machine (use 127.0.0.1, 0.0.0.0, or an address of one of its interfaces)");
        }
        return address;
    }

    private static boolean isLocal(InetAddress address) {
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
