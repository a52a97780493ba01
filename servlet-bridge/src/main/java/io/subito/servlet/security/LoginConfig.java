package io.subito.servlet.security;

/** The login-config element: BASIC, FORM or CLIENT-CERT (others are refused at start), realm name, form pages. */
public record LoginConfig(String authMethod, String realmName, String formLoginPage, String formErrorPage) {
    public static LoginConfig basic(String realmName) {
        return new LoginConfig("BASIC", realmName, null, null);
    }

    /** CLIENT-CERT: the user of the verified client certificate (tls.clientAuth want or need). */
    public static LoginConfig clientCert() {
        return new LoginConfig("CLIENT-CERT", null, null, null);
    }

    public static LoginConfig form(String loginPage, String errorPage) {
        return new LoginConfig("FORM", null, loginPage, errorPage);
    }
}
