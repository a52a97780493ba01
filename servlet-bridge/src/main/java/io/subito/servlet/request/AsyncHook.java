package io.subito.servlet.request;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;

/** What the request needs from the async machinery (kept as an interface so packages stay one-way). */
public interface AsyncHook {
    boolean isStarted();

    void runReadListener(ServletInputStream in, ReadListener l);
}
