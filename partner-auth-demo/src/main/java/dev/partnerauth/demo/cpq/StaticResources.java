package dev.partnerauth.demo.cpq;

import dev.partnerauth.demo.SecurityHeaders;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Serves files from the classpath directory {@value #DIRECTORY} with their content type and the
 * given security headers. Only the files named at construction are served; they are read once, at
 * construction, so a missing file fails at start-up rather than on a request.
 *
 * <p>Map {@link #StaticResources(SecurityHeaders, String...)} at a prefix such as {@code /static/*}:
 * {@code /static/style.css} serves {@code style.css}. Map {@link #page(SecurityHeaders, String)} at
 * any path to serve one file there, such as {@code admin.html} at {@code /admin/api-settings}.
 */
public final class StaticResources extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The classpath directory the files are read from. */
    public static final String DIRECTORY = "dev/partnerauth/demo/static/";

    // Plain names only: a request path can never walk out of the directory.
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "svg", "image/svg+xml");

    private final transient SecurityHeaders headers;
    private final transient Map<String, Resource> byName;
    private final transient Resource only;

    /**
     * Serves each of {@code names} at {@code /<name>} below the servlet's mapping.
     *
     * @throws IllegalArgumentException if a name is not a plain file name with a known type, or the
     *     file is not on the classpath
     */
    public StaticResources(SecurityHeaders headers, String... names) {
        this(headers, names, false);
    }

    private StaticResources(SecurityHeaders headers, String[] names, boolean single) {
        this.headers = Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(names, "names");
        if (names.length == 0) {
            throw new IllegalArgumentException("names must name at least one file");
        }
        Map<String, Resource> loaded = new LinkedHashMap<>();
        for (String name : names) {
            loaded.put(name, Resource.load(name));
        }
        this.byName = Map.copyOf(loaded);
        this.only = single ? loaded.get(names[0]) : null;
    }

    /** Serves the one file {@code name} at whatever path the servlet is mapped to. */
    public static StaticResources page(SecurityHeaders headers, String name) {
        return new StaticResources(headers, new String[] {Objects.requireNonNull(name, "name")}, true);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Resource resource = only != null ? only : byName.get(nameOf(request.getPathInfo()));
        headers.applyTo(response);
        if (resource == null) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        write(resource, response);
    }

    private static void write(Resource resource, HttpServletResponse response) throws IOException {
        response.setContentType(resource.contentType());
        // Revalidate each time: the demo is edited and reloaded, and the files are small.
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(resource.bytes().length);
        response.getOutputStream().write(resource.bytes());
    }

    private static String nameOf(String pathInfo) {
        if (pathInfo == null || pathInfo.length() < 2 || pathInfo.charAt(0) != '/') {
            return "";
        }
        return pathInfo.substring(1);
    }

    private record Resource(String contentType, byte[] bytes) {

        static Resource load(String name) {
            Objects.requireNonNull(name, "name");
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a plain file name: " + name);
            }
            String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
            String contentType = CONTENT_TYPES.get(extension);
            if (contentType == null) {
                throw new IllegalArgumentException("no known content type for " + name);
            }
            ClassLoader loader = StaticResources.class.getClassLoader();
            try (InputStream in = loader.getResourceAsStream(DIRECTORY + name)) {
                if (in == null) {
                    throw new IllegalArgumentException("not on the classpath: " + DIRECTORY + name);
                }
                return new Resource(contentType, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + DIRECTORY + name, e);
            }
        }
    }
}
