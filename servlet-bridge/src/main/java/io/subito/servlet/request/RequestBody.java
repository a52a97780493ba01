package io.subito.servlet.request;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletInputStream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * How a request's body is read as the application asks for it: its character encoding (explicit,
 * from Content-Type, the context's default), the input stream or the reader (one of them), and
 * a path relative to the current servlet made context-relative for a dispatcher.
 */
final class RequestBody {
    private RequestBody() {
    }

    static String characterEncoding(RequestState s) {
        if (s.characterEncoding != null) {
            return s.characterEncoding;
        }
        String fromType = ContentTypes.charsetOf(s.head.header("Content-Type"));
        if (fromType != null) {
            return fromType;
        }
        return s.context.requestCharacterEncoding();
    }

    static void setCharacterEncoding(RequestState s, String env) throws UnsupportedEncodingException {
        if (s.inputMode == RequestState.INPUT_READER || s.params.isParsed()) {
            return; // too late: the body has been decoded already
        }
        if (env == null) {
            s.characterEncoding = null;
            s.charset = null;
            return;
        }
        s.charset = charsetNamed(env);
        s.characterEncoding = env;
    }

    /**
     * The last charset looked up by name: a filter sets the same encoding on every request
     * (Spring's CharacterEncodingFilter), and the JDK's own one-entry cache is shared with
     * every other lookup of the process.
     */
    private record Named(String name, Charset charset) {
    }

    private static volatile Named lastCharset = new Named("UTF-8", java.nio.charset.StandardCharsets.UTF_8);

    private static Charset charsetNamed(String name) throws UnsupportedEncodingException {
        Named last = lastCharset;
        if (name.equals(last.name())) {
            return last.charset();
        }
        Charset cs;
        try {
            cs = Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnsupportedEncodingException(name);
        }
        lastCharset = new Named(name, cs);
        return cs;
    }

    static void setCharset(RequestState s, Charset cs) {
        if (s.inputMode == RequestState.INPUT_READER || s.params.isParsed()) {
            return;
        }
        s.charset = cs;
        s.characterEncoding = cs == null ? null : cs.name();
    }

    /** The charset for body text: explicit, from Content-Type, the context's default, else ISO-8859-1. */
    static Charset bodyCharset(RequestState s) {
        if (s.charset != null) {
            return s.charset;
        }
        String name = characterEncoding(s);
        if (name != null) {
            try {
                return Charset.forName(name);
            } catch (IllegalArgumentException e) {
                return StandardCharsets.ISO_8859_1;
            }
        }
        return StandardCharsets.ISO_8859_1;
    }

    static ServletInputStream inputStream(RequestState s) {
        if (s.inputMode == RequestState.INPUT_READER) {
            throw new IllegalStateException("getReader() has already been called");
        }
        s.inputMode = RequestState.INPUT_STREAM;
        return boundInput(s);
    }

    private static ServletInputStream boundInput(RequestState s) {
        if (s.boundInput == null) {
            s.boundInput = new BoundInputStream(s);
        }
        return s.boundInput;
    }

    static BufferedReader reader(RequestState s) throws UnsupportedEncodingException {
        if (s.inputMode == RequestState.INPUT_STREAM) {
            throw new IllegalStateException("getInputStream() has already been called");
        }
        if (s.reader == null) {
            Charset cs = s.charset;
            if (cs == null) {
                String name = characterEncoding(s);
                try {
                    cs = name == null ? StandardCharsets.ISO_8859_1 : Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    throw new UnsupportedEncodingException(name);
                }
            }
            s.inputMode = RequestState.INPUT_READER;
            s.reader = new BufferedReader(new InputStreamReader(boundInput(s), cs));
        }
        return s.reader;
    }

    /** A dispatcher path as given: "/..." stays, a relative one resolves against the current servlet's (Servlet 6.1 section 9.1). */
    static String contextRelative(RequestState s, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        String current = s.servletPath + (s.pathInfo == null ? "" : s.pathInfo);
        if (s.dispatcherType == DispatcherType.INCLUDE) {
            Object sp = s.attributes.get(RequestDispatcher.INCLUDE_SERVLET_PATH);
            Object pi = s.attributes.get(RequestDispatcher.INCLUDE_PATH_INFO);
            current = (sp == null ? "" : (String) sp) + (pi == null ? "" : (String) pi);
        }
        int slash = current.lastIndexOf('/');
        return (slash < 0 ? "/" : current.substring(0, slash + 1)) + path;
    }

    /** getTrailerFields: only once the body has been read; names in lower case. */
    static java.util.Map<String, String> trailerFields(RequestState s) {
        if (!s.exchange.isBodyFinished()) {
            throw new IllegalStateException("trailer fields are not ready: the body has not been read");
        }
        return RequestHeaders.lowerCaseNames(s.exchange.trailers());
    }
}
