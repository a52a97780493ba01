package io.subito.container.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.StandardConstants;

/**
 * With {@code tls.sniStrict}: the host names the server has a certificate for (the DNS names of
 * every certificate's subjectAltName, wildcards matching one label, and the {@code tls.sni.*}
 * names). A ClientHello asking (SNI) for any other name is refused by the JDK with the
 * {@code unrecognized_name} alert; a client that names no host gets the default certificate.
 */
final class SniNames extends SNIMatcher {
    private final Set<String> names;

    SniNames(Set<String> names) {
        super(StandardConstants.SNI_HOST_NAME);
        this.names = Set.copyOf(names);
    }

    /** Adds the DNS names of {@code cert}'s subjectAltName to {@code into}, lower-case. */
    static void addNames(X509Certificate cert, Set<String> into) {
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans == null) {
                return;
            }
            for (List<?> san : sans) {
                if (san.size() == 2 && Integer.valueOf(2).equals(san.get(0)) && san.get(1) instanceof String dns) {
                    into.add(dns.toLowerCase(Locale.ROOT));
                }
            }
        } catch (CertificateParsingException e) {
            // no usable names: the certificate then matches by its tls.sni.* name only
        }
    }

    @Override
    public boolean matches(SNIServerName requested) {
        String host;
        try {
            host = new SNIHostName(requested.getEncoded()).getAsciiName().toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return false; // not a valid host name
        }
        if (names.contains(host)) {
            return true;
        }
        int dot = host.indexOf('.');
        return dot > 0 && names.contains("*" + host.substring(dot));
    }

    @Override
    public String toString() {
        return "sni names " + new TreeSet<>(names);
    }
}
