package io.subito.deploy.descriptor;

import jakarta.servlet.SessionTrackingMode;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code <session-config>}; null fields were not declared. */
public final class SessionConfig {
    public Integer timeoutMinutes;
    public String cookieName;
    public String cookieDomain;
    public String cookiePath;
    public String cookieComment;
    public Boolean cookieHttpOnly;
    public Boolean cookieSecure;
    public Integer cookieMaxAge;
    /** Servlet 6.0 {@code <attribute>} elements of {@code <cookie-config>}, e.g. SameSite. */
    public final Map<String, String> cookieAttributes = new LinkedHashMap<>();
    public EnumSet<SessionTrackingMode> trackingModes;
}
