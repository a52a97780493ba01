package io.subito.arquillian;

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
 */
public final class SubitoContainerConfiguration implements ContainerConfiguration {
    private String bindAddress = "127.0.0.1";
    private int bindHttpPort;
    private String users = "";
    private boolean crossContext;
    private boolean relativeRedirects = io.subito.servlet.config.ResponseSettings.DEFAULTS.relativeRedirects();
    private boolean allowTrace;

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
}
