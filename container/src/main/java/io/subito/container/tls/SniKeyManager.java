package io.subito.container.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses the certificate by the host name the client asked for (SNI): the entry named after it
 * when there is one, else the default entry. Only the server side is used.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
    private final X509ExtendedKeyManager keys;
    private final Set<String> names;

    SniKeyManager(X509ExtendedKeyManager keys, Set<String> names) {
        this.keys = keys;
        this.names = Set.copyOf(names);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        String alias = ServerTls.DEFAULT_ALIAS;
        SSLSession s = engine == null ? null : engine.getHandshakeSession();
        if (s instanceof ExtendedSSLSession es && !names.isEmpty()) {
            List<SNIServerName> requested = es.getRequestedServerNames();
            for (SNIServerName n : requested) {
                if (n instanceof SNIHostName h) {
                    String name = h.getAsciiName().toLowerCase(Locale.ROOT);
                    if (names.contains(name)) {
                        alias = name;
                    }
                }
            }
        }
        // the engine asks once per key type it could use (EC, RSA): answer only when the entry's key is of that type
        PrivateKey k = keys.getPrivateKey(alias);
        return k != null && keyType(k).equals(keyType) ? alias : null;
    }

    private static String keyType(PrivateKey k) {
        return "EC".equals(k.getAlgorithm()) ? "EC" : k.getAlgorithm();
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return keys.getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return keys.getPrivateKey(alias);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
