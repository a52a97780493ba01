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
 * deployed servlets. {@code refusalExpected} (empty by default: every refusal fails the deployment) is a
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
    private boolean relativeRedirects = io.subito.servlet.ResponseSettings.DEFAULTS.relativeRedirects();
    private boolean allowTrace;
    private String refusalExpected = "";
    private Pattern refusalExpectedPattern;

    @Override
    public void validate() throws ConfigurationException {
        if (bindHttpPort < 0 || bindHttpPort > 65535) {
            throw new ConfigurationException("bindHttpPort must be 0..65535, got " + bindHttpPort);
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

    public String getRefusalExpected() {
        return refusalExpected;
    }

    public void setRefusalExpected(String refusalExpected) {
        this.refusalExpected = refusalExpected == null ? "" : refusalExpected;
    }
}
