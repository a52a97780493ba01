package io.subito.servlet.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.subito.servlet.request.Request;
import io.subito.servlet.request.RequestState;
import io.subito.servlet.request.Requests;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * The facades bind to their request by identity: a facade works while the pooled state names it
 * as its current one, so recycling the state, or a later request's facades on the same state,
 * leave a kept facade and its output stream failing (over sockets: RecyclingLeakTest).
 */
class FacadeBindingTest {
    private final RequestState request = new RequestState();
    private final ResponseState response = new ResponseState(request);

    @Test
    void facadesBecomeTheStatesCurrentOnes() {
        Request req = Requests.facade(request);
        Response res = Responses.facade(response);
        assertSame(req, request.facade);
        assertSame(res, request.responseFacade);
        assertSame(request, Requests.state(req));
        assertSame(response, Responses.state(res));
    }

    @Test
    void keptFacadesFailOnceTheStateIsRecycled() {
        Request req = Requests.facade(request);
        Response res = Responses.facade(response);
        request.recycle();
        response.recycle();
        assertEquals("this request has completed; its object may not be used any more",
                assertThrows(IllegalStateException.class, () -> Requests.state(req)).getMessage());
        assertThrows(IllegalStateException.class, () -> Responses.state(res));
        assertThrows(IllegalStateException.class, res::getOutputStream);
        assertEquals("Request[completed]", req.toString());
    }

    @Test
    void keptFacadesFailOnceALaterRequestOnTheSameStateHasItsOwn() {
        Request first = Requests.facade(request);
        Response firstResponse = Responses.facade(response);
        Request second = Requests.facade(request);
        Response secondResponse = Responses.facade(response);
        assertThrows(IllegalStateException.class, () -> Requests.state(first));
        assertThrows(IllegalStateException.class, () -> Responses.state(firstResponse));
        assertSame(request, Requests.state(second));
        assertSame(response, Responses.state(secondResponse));
    }

    @Test
    void aKeptOutputStreamFailsWithItsResponseFacade() throws IOException {
        Response res = Responses.facade(response);
        ServletOutputStream out = res.getOutputStream();
        assertSame(out, res.getOutputStream());
        request.recycle();
        response.recycle();
        assertEquals("this response has completed; its output stream may not be used any more",
                assertThrows(IOException.class, () -> out.write(1)).getMessage());
        assertThrows(IOException.class, () -> out.write(new byte[1], 0, 1));
        assertThrows(IOException.class, out::flush);
        assertThrows(IllegalStateException.class, out::isReady);
        out.close(); // closing a completed response's stream again has no effect
        Responses.facade(response); // the next request's facade
        assertThrows(IOException.class, () -> out.write(1));
    }
}
