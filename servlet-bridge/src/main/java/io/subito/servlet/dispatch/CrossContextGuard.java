package io.subito.servlet.dispatch;

import io.subito.servlet.registration.ServletHolder;
import io.subito.servlet.request.RequestState;

/**
 * Keeps an application's security constraints when another application dispatches to it
 * (possible only with cross-context access on). A dispatch inside one application is not
 * checked (Servlet 6.1 section 13.2: the application chose to dispatch); but the client's
 * request named another application, so the target's constraints were never applied to it.
 * Tomcat and Jetty do not check here; Subito refuses, since one application must not open
 * another's protected servlets to anonymous clients.
 */
final class CrossContextGuard {
    private CrossContextGuard() {
    }

    /**
     * Why the dispatch is refused, or null when it may run: it stays within the dispatching
     * application, or the target's constraints let the request's user (authenticated by the
     * dispatching application, against the same server realm) reach it.
     *
     * @param path the canonical path in the target context, or null for a named dispatch
     */
    static String refusal(DispatchTarget target, RequestState s, String path, ServletHolder named) {
        if (s.context == null || s.context == target || path == null && named == null) {
            return null; // within one application; or a path that leaves the context, refused on its own
        }
        String method = s.head.method();
        if (path != null) {
            return target.security().crossContextRefusal(s.user, path, method);
        }
        // a named dispatch has no path: the servlet is as protected as the most protected of its patterns
        for (String pattern : named.getMappings()) {
            String refused = target.security().crossContextRefusal(s.user, samplePath(pattern), method);
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    /** A path the pattern maps: "/a/*" gives "/a", "*.do" gives "/x.do", "/" and "" give "/". */
    static String samplePath(String pattern) {
        if (pattern.endsWith("/*")) {
            String prefix = pattern.substring(0, pattern.length() - 2);
            return prefix.isEmpty() ? "/" : prefix;
        }
        if (pattern.startsWith("*.")) {
            return "/x" + pattern.substring(1);
        }
        return pattern.isEmpty() ? "/" : pattern;
    }

    /** The message logged and given to the application; {@code what} is the path or the servlet. */
    static String describe(String kind, DispatchTarget target, String what, RequestState s, String reason) {
        String from = s.context.contextPath().isEmpty() ? "/" : s.context.contextPath();
        return kind + " from " + from + " to " + target.contextPath() + what + " refused: " + reason;
    }
}
