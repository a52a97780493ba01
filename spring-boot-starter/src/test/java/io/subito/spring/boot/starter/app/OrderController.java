package io.subito.spring.boot.starter.app;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A validated JSON request body (Spring's own {@link Validator}: a rejected order is Spring MVC's
 * 400 with Spring Boot's error body) and a {@code ResponseEntity} whose body streams.
 */
@RestController
public class OrderController {
    public record Order(String item, int quantity) {
    }

    /** An item is named and at least one is ordered. */
    static final class OrderRules implements Validator {
        @Override
        public boolean supports(Class<?> type) {
            return Order.class.equals(type);
        }

        @Override
        public void validate(Object target, Errors errors) {
            Order o = (Order) target;
            if (o.item() == null || o.item().isBlank()) {
                errors.rejectValue("item", "required", "an item is named");
            }
            if (o.quantity() < 1) {
                errors.rejectValue("quantity", "min", "at least one is ordered");
            }
        }
    }

    @InitBinder("order")
    void rules(WebDataBinder binder) {
        binder.addValidators(new OrderRules());
    }

    @PostMapping("/orders")
    public ResponseEntity<Order> place(@Validated @RequestBody Order order) {
        return ResponseEntity.status(HttpStatus.CREATED).body(order);
    }

    /** {@code lines} numbered CSV lines, written and flushed as they are made. */
    @GetMapping("/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam("lines") int lines) {
        StreamingResponseBody body = (OutputStream out) -> {
            for (int i = 1; i <= lines; i++) {
                out.write(("line " + i + ",item-" + i + "\n").getBytes(StandardCharsets.UTF_8));
                if (i % 100 == 0) {
                    out.flush();
                }
            }
        };
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv")).body(body);
    }
}
