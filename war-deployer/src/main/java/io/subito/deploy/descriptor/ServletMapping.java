package io.subito.deploy.descriptor;

import java.util.List;

/** A {@code <servlet-mapping>}: one servlet, one or more URL patterns. */
public record ServletMapping(String servletName, List<String> urlPatterns) {
}
