package dev.partnerauth.servlet;

import dev.partnerauth.InvalidRequestException;
import dev.partnerauth.internal.json.Json;
import dev.partnerauth.internal.json.JsonSyntaxException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Reads a JSON object body within the size limit, whatever the client claims or streams. */
final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * @throws HttpRejection           413 when the body is over {@code maxBytes}, declared or streamed
     * @throws InvalidRequestException when it is not {@code application/json} or not a JSON object
     */
    static Map<String, Object> readObject(HttpServletRequest request, int maxBytes) {
        if (request.getContentLengthLong() > maxBytes) {
            throw HttpRejection.payloadTooLarge();
        }
        if (!isJson(request.getContentType())) {
            throw InvalidRequestException.invalidPayloadFormat();
        }
        byte[] body = read(request, maxBytes);
        Object parsed;
        try {
            parsed = Json.parse(body);
        } catch (JsonSyntaxException e) {
            throw InvalidRequestException.invalidPayloadFormat();
        }
        if (!(parsed instanceof Map<?, ?>)) {
            throw InvalidRequestException.invalidPayloadFormat();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> object = (Map<String, Object>) parsed;
        return object;
    }

    private static byte[] read(HttpServletRequest request, int maxBytes) {
        byte[] buffer = new byte[Math.min(maxBytes + 1, 4096)];
        int length = 0;
        try (InputStream in = request.getInputStream()) {
            int n;
            while ((n = in.read(buffer, length, buffer.length - length)) > 0) {
                length += n;
                if (length > maxBytes) {
                    // stop reading a chunked body at the limit rather than buffering it all
                    throw HttpRejection.payloadTooLarge();
                }
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxBytes + 1));
                }
            }
        } catch (IOException e) {
            // the client went away or stalled past the container's idle timeout
            throw InvalidRequestException.invalidPayloadFormat();
        }
        return Arrays.copyOf(buffer, length);
    }

    /** {@code application/json}, with no charset or UTF-8, which is the only one JSON allows. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("charset=") && !p.replace("\"", "").equals("charset=utf-8")) {
                return false;
            }
        }
        return true;
    }
}
