package io.subito.servlet.dispatch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The error-page table: by status code, by exception type (nearest superclass wins), default. */
public final class ErrorPages {
    private final Map<Integer, String> byStatus = new ConcurrentHashMap<>();
    private final Map<String, String> byException = new ConcurrentHashMap<>();
    private volatile String defaultPage;

    public void add(int status, String location) {
        byStatus.put(status, location);
    }

    public void add(String exceptionClassName, String location) {
        byException.put(exceptionClassName, location);
    }

    public void setDefault(String location) {
        defaultPage = location;
    }

    public String forStatus(int status) {
        String p = byStatus.get(status);
        return p != null ? p : defaultPage;
    }

    /** The page for the exception's class or its nearest mapped superclass, else null. */
    public String forException(Throwable t) {
        if (byException.isEmpty()) {
            return null;
        }
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            String p = byException.get(c.getName());
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    public boolean isEmpty() {
        return byStatus.isEmpty() && byException.isEmpty() && defaultPage == null;
    }
}
