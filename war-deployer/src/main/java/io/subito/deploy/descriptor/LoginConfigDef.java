package io.subito.deploy.descriptor;

/** {@code <login-config>}: BASIC, FORM, DIGEST or CLIENT-CERT, with the form pages for FORM. */
public record LoginConfigDef(String authMethod, String realmName, String formLoginPage, String formErrorPage) {
}
