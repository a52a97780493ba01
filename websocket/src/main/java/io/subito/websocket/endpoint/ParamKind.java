package io.subito.websocket.endpoint;

/** What an annotated method's parameter receives. */
enum ParamKind {
    SESSION, CONFIG, CLOSE_REASON, THROWABLE, PATH, MESSAGE, LAST
}
