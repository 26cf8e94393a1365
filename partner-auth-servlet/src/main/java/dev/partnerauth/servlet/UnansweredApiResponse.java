package dev.partnerauth.servlet;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * The response handed down the chain for a path under {@code /api/v1/} that partner-auth does not
 * answer: when the rest of the chain answers it with {@code sendError(404)} or {@code
 * sendError(405)}, the "nothing here" of the container's default servlet or of a framework that
 * found no handler, the answer is the {@code errors} body of SPEC section 3 ({@code Not found},
 * {@code Method not allowed} with the {@code Allow} the chain set, if any) instead of the
 * container's HTML page. Everything a host's own endpoint writes itself passes untouched, and so
 * does every other status.
 */
final class UnansweredApiResponse extends HttpServletResponseWrapper {
    UnansweredApiResponse(HttpServletResponse response) {
        super(response);
    }

    @Override
    public void sendError(int status) throws IOException {
        if (!answered(status)) {
            super.sendError(status);
        }
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        if (!answered(status)) {
            super.sendError(status, message);
        }
    }

    private boolean answered(int status) throws IOException {
        if ((status != 404 && status != 405) || isCommitted()) {
            return false;
        }
        HttpServletResponse response = (HttpServletResponse) getResponse();
        response.resetBuffer();
        JsonResponses.error(response, ErrorResponse.of(status == 404 ? HttpRejection.notFound()
                : HttpRejection.methodNotAllowed(response.getHeader("Allow"))));
        // as after sendError: the answer is complete, and what the chain might still write is not part of it
        response.flushBuffer();
        return true;
    }
}
