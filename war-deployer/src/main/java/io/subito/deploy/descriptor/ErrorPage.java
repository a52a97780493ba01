package io.subito.deploy.descriptor;

/** An {@code <error-page>}: by status code, by exception type, or neither (the default page). */
public record ErrorPage(Integer errorCode, String exceptionType, String location) {
}
