package io.subito.spring.boot;

import io.subito.servlet.WebAppContext;

/**
 * Changes the application's {@link WebAppContext} before it starts (request limits, realm and
 * security constraints, extra servlets, attributes ...). Beans of this type are applied by the
 * auto-configuration, after everything taken from {@code server.*} properties.
 */
@FunctionalInterface
public interface SubitoContextCustomizer {
    void customize(WebAppContext context);
}
