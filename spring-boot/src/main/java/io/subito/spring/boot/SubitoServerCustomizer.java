package io.subito.spring.boot;

import io.subito.container.ServerConfig;

/**
 * Changes Subito's engine configuration before the server is made: execution mode, selector
 * loops, worker threads, buffers, timeouts and the HTTP parsing limits (the settings of
 * {@code conf/server.properties}). Beans of this type are applied by the auto-configuration,
 * after {@code server.*} and {@code server.subito.*} properties.
 *
 * <pre>{@code
 * @Bean
 * SubitoServerCustomizer inlineOnTwoLoops() {
 *     return config -> config.mode(ExecutionMode.INLINE).loops(2);
 * }
 * }</pre>
 */
@FunctionalInterface
public interface SubitoServerCustomizer {
    void customize(ServerConfig config);
}
