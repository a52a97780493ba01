package io.subito.spring.boot.starter.app;

import java.util.concurrent.CountDownLatch;
import org.springframework.stereotype.Component;

/** Lets a test hold a request in the application and release it. */
@Component
public class SlowGate {
    public final CountDownLatch entered = new CountDownLatch(1);
    public final CountDownLatch open = new CountDownLatch(1);
}
