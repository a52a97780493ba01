package io.subito.arquillian;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jboss.arquillian.container.spi.ConfigurationException;
import org.jboss.arquillian.container.spi.client.container.ContainerConfiguration;

/**
 * Settings from {@code arquillian.xml} ({@code <property name="bindHttpPort">0</property>} ...).
 * {@code users} is the realm, as in {@code conf/users.properties} but ';'-separated:
 * {@code user=password,role1,role2;user2=...}. {@code crossContext} (false by default, as on a
 * server) lets every deployed archive reach the others through {@code ServletContext.getContext};
 * the Jakarta Servlet TCK needs it on. {@code relativeRedirects} is the server key of that name
 * (true by default; the TCK expects absolute redirect URLs, so its arquillian.xml sets false).
 * {@code allowTrace} (false, as on a server: TRACE is answered 405) lets TRACE requests reach the
 * deployed servlets.
 *
 * <p>HTTPS: {@code bindHttpsPort} (-1, none, by default; 0 any free port) with {@code tls}, the
 * server's {@code tls.*} keys as in {@code conf/server.properties}, ';'-separated
 * ({@code tls.certificate=/path/server.pem; tls.key=/path/server.key; tls.clientAuth=want; ...});
 * {@code bindHttpPort=-1} then serves HTTPS only, and the test URLs are {@code https}.
 * {@code certUsers} is a {@code cert-users.properties} file for CLIENT-CERT login.
 *
 * <p>{@code refusalExpected} (empty by default: every refusal fails the deployment) is a
 * regular expression of archive names whose refusal by the deployer is an expected outcome: such an
 * archive counts as deployed with nothing in service, so that a test can check that nothing answers
 * (the Jakarta WebSocket TCK's negative-deployment tests, whose invalid endpoints make the
 * application fail to start and expect its valid endpoints out of service too).
 */
public final class SubitoContainerConfiguration implements ContainerConfiguration {
    private String bindAddress = "127.0.0.1";
    private int bindHttpPort;
    private String users = "";
    private boolean crossContext;
    private boolean relativeRedirects = io.subito.servlet.config.ResponseSettings.DEFAULTS.relativeRedirects();
    private boolean allowTrace;
    private int bindHttpsPort = -1;
    private String tls = "";
    private String certUsers = "";
    private String refusalExpected = "";
    private Pattern refusalExpectedPattern;

    @Override
    public void validate() throws ConfigurationException {
        if (bindHttpPort < -1 || bindHttpPort > 65535) {
            throw new ConfigurationException("bindHttpPort must be 0..65535 (-1: HTTPS only), got " + bindHttpPort);
        }
        if (bindHttpsPort < -1 || bindHttpsPort > 65535) {
            throw new ConfigurationException("bindHttpsPort must be 0..65535 (-1: none), got " + bindHttpsPort);
        }
        if (bindHttpPort < 0 && bindHttpsPort < 0) {
            throw new ConfigurationException("bindHttpPort=-1 (HTTPS only) needs bindHttpsPort");
        }
        try {
            if (bindHttpsPort >= 0 && tlsSettings() == null) {
                throw new ConfigurationException("bindHttpsPort needs tls with tls.certificate and tls.key, or tls.keystore");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("tls: " + e.getMessage());
        }
        for (String entry : userEntries()) {
            if (entry.indexOf('=') <= 0) {
                throw new ConfigurationException("users entry '" + entry + "' is not user=password[,role...]");
            }
        }
        try {
            refusalExpectedPattern = refusalExpected.isBlank() ? null : Pattern.compile(refusalExpected.trim());
        } catch (PatternSyntaxException e) {
            throw new ConfigurationException("refusalExpected '" + refusalExpected + "' is not a regular expression: "
                    + e.getDescription());
        }
    }

    /** Whether the deployer's refusal of the archive named {@code archiveName} is an expected outcome. */
    boolean isRefusalExpected(String archiveName) {
        return refusalExpectedPattern != null && refusalExpectedPattern.matcher(archiveName).matches();
    }

    /** The tls property as the server's settings; null when it names no certificate. */
    io.subito.container.tls.TlsSettings tlsSettings() {
        java.util.Properties p = new java.util.Properties();
        for (String entry : tls.isBlank() ? new String[0] : tls.trim().split("\\s*;\\s*")) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || !entry.startsWith("tls.")) {
                throw new IllegalArgumentException("entry '" + entry + "' is not tls.KEY=VALUE");
            }
            p.setProperty(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return io.subito.container.tls.TlsSettings.fromProperties(p);
    }

    String[] userEntries() {
        return users.isBlank() ? new String[0] : users.trim().split("\\s*;\\s*");
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public int getBindHttpPort() {
        return bindHttpPort;
    }

    public void setBindHttpPort(int bindHttpPort) {
        this.bindHttpPort = bindHttpPort;
    }

    public String getUsers() {
        return users;
    }

    public void setUsers(String users) {
        this.users = users;
    }

    public boolean isCrossContext() {
        return crossContext;
    }

    public void setCrossContext(boolean crossContext) {
        this.crossContext = crossContext;
    }

    public boolean getRelativeRedirects() {
        return relativeRedirects;
    }

    public void setRelativeRedirects(boolean relativeRedirects) {
        this.relativeRedirects = relativeRedirects;
    }

    public boolean isAllowTrace() {
        return allowTrace;
    }

    public void setAllowTrace(boolean allowTrace) {
        this.allowTrace = allowTrace;
    }

    public int getBindHttpsPort() {
        return bindHttpsPort;
    }

    public void setBindHttpsPort(int bindHttpsPort) {
        this.bindHttpsPort = bindHttpsPort;
    }

    public String getTls() {
        return tls;
    }

    public void setTls(String tls) {
        this.tls = tls;
    }

    public String getCertUsers() {
        return certUsers;
    }

    public void setCertUsers(String certUsers) {
        this.certUsers = certUsers;
    }

    public String getRefusalExpected() {
        return refusalExpected;
    }

    public void setRefusalExpected(String refusalExpected) {
        this.refusalExpected = refusalExpected == null ? "" : refusalExpected;
    }
}
