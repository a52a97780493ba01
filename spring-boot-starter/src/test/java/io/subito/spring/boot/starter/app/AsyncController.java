package io.subito.spring.boot.starter.app;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** Servlet async and multipart through Spring MVC: DeferredResult, SseEmitter, MultipartFile. */
@RestController
public class AsyncController {
    /** Another thread than the request's, as an application's callback would be. */
    private final Executor elsewhere = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "shop-async");
        t.setDaemon(true);
        return t;
    });

    @GetMapping("/deferred")
    public DeferredResult<String> deferred() {
        DeferredResult<String> result = new DeferredResult<>(30_000L);
        CompletableFuture.runAsync(() -> result.setResult("answered on " + Thread.currentThread().getName()), elsewhere);
        return result;
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter events() {
        SseEmitter emitter = new SseEmitter(30_000L);
        CompletableFuture.runAsync(() -> {
            try {
                for (int i = 1; i <= 3; i++) {
                    emitter.send(SseEmitter.event().name("tick").data("tick " + i));
                }
                emitter.complete();
            } catch (IOException e) {
                emitter.completeWithError(e);
            }
        }, elsewhere);
        return emitter;
    }

    @PostMapping("/upload")
    public String upload(@RequestParam("file") MultipartFile file) throws IOException {
        return file.getOriginalFilename() + ": " + file.getBytes().length + " bytes";
    }
}
