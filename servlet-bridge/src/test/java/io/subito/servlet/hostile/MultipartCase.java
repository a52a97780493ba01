package io.subito.servlet.hostile;

import io.subito.servlet.support.MultipartSender;

/**
 * One row of the multipart corpus: a body sent to a servlet whose first act is getParts(), and
 * what the client must get. A refusal must name its cause in the response; an accepted row must
 * come back with the parts the servlet counted.
 *
 * @param name what the row proves, shown as the test name
 * @param contentType the request's Content-Type
 * @param length the Content-Length declared (the body may be shorter only when the row says so)
 * @param body the body, written while the response is read
 * @param status the status of the response
 * @param mentions text the response body must contain: the setting or the flaw for a refusal,
 *        {@code parts=N} for an accepted row
 */
public record MultipartCase(String name, String contentType, long length, MultipartSender.Body body, int status,
                            String mentions) {

    @Override
    public String toString() {
        return name;
    }
}
