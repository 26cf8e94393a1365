package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminWritesTest {
    private static HttpServletRequest request(String method, Map<String, String> headers) {
        return (HttpServletRequest) Proxy.newProxyInstance(AdminWritesTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    case "getHeader" -> headers.get(((String) args[0]).toLowerCase(java.util.Locale.ROOT));
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    /** Host {@code cpq.example.com} throughout; an empty cell is a header not sent. */
    @ParameterizedTest(name = "{0} site={1} origin={2}: refused={3}")
    @CsvSource({
            "DELETE, cross-site, https://evil.example, true",
            "DELETE, same-site, https://blog.cpq.example.com, true",
            "POST, Cross-Site, , true",               // not a value browsers send: not vouched for
            "PATCH, cross-site, , true",
            "TRACE, cross-site, , true",
            "POST, same-origin, https://evil.example, true",  // contradictory: only a non-browser sends it
            "POST, none, https://evil.example, true",
            "POST, , https://evil.example, true",
            "POST, , https://cpq.example.com@evil.example, true",
            "POST, , https://cpq.example.com:8443, true",
            "POST, , null, true",
            "PUT, , not a url, true",
            "POST, same-origin, null, false",         // a page served with Referrer-Policy: no-referrer
            "POST, same-origin, https://cpq.example.com, false",
            "DELETE, , https://CPQ.example.com:443, false",
            "DELETE, , http://cpq.example.com, false",
            "DELETE, none, , false",
            "DELETE, , , false",                      // curl, scripts
            "GET, cross-site, https://evil.example, false",
            "HEAD, cross-site, https://evil.example, false",
            "OPTIONS, cross-site, https://evil.example, false",
    })
    void isCrossSiteWriteByFetchMetadataAndOriginNeverByContentType(String method, String site, String origin, boolean refused) {
        Map<String, String> headers = new java.util.HashMap<>(Map.of("host", "cpq.example.com", "content-type", "application/json"));
        if (site != null) {
            headers.put("sec-fetch-site", site);
        }
        if (origin != null) {
            headers.put("origin", origin);
        }

        assertEquals(refused, AdminWrites.isCrossSiteWrite(request(method, headers)));
    }
}
