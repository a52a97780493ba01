package io.subito.container;

/**
 * Implemented by what a layer above attaches to an exchange ({@link HttpExchange#attach}) when it
 * can say where a request runs (the servlet layer names the application), for log lines the
 * engine writes about a request, such as the one for a request a graceful stop had to cut.
 */
public interface ExchangeLabel {
    /** A short label such as "app /shop", or null when the request has not been routed yet. Any thread may ask. */
    String label();
}
