package dev.partnerauth.testing;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The types a jar lets a host name: every public class, interface, record and enum in its compiled
 * classes, nested ones included when every type around them is public too. Those outside an
 * {@code internal} package are the supported API, a promise to every host; those inside one are
 * public only so that the library's packages can reach each other, and are unsupported. A module's
 * test compares both with a list kept in its test resources (the API first, then the internal
 * types after a line {@value #INTERNAL_SECTION}), so that a new public type fails the build until
 * someone adds it to one of the two on purpose.
 */
public final class PublicSurface {
    /** The line of a surface list after which the internal types are listed. */
    public static final String INTERNAL_SECTION = "[internal]";

    private PublicSurface() {
    }

    /** What a surface list says: the supported API, and the public types of internal packages. */
    public record Listed(List<String> api, List<String> internal) {
        public Listed {
            api = List.copyOf(api);
            internal = List.copyOf(internal);
        }
    }

    /** Whether {@code typeName} lives in an internal package, outside the supported API. */
    public static boolean isInternal(String typeName) {
        String packageName = typeName.substring(0, typeName.lastIndexOf('.'));
        return packageName.endsWith(".internal") || packageName.contains(".internal.");
    }

    /** The public types of {@link #of}, split into the supported API and the internal ones. */
    public static Listed actual(Class<?> anchor) throws IOException {
        List<String> all = of(anchor);
        return new Listed(all.stream().filter(n -> !isInternal(n)).toList(),
                all.stream().filter(PublicSurface::isInternal).toList());
    }

    /** The list kept in {@code resource}, split at its {@value #INTERNAL_SECTION} line. */
    public static Listed listed(Class<?> owner, String resource) throws IOException {
        List<String> api = new ArrayList<>();
        List<String> internal = new ArrayList<>();
        List<String> current = api;
        for (String line : expected(owner, resource)) {
            if (line.equals(INTERNAL_SECTION)) {
                current = internal;
            } else {
                current.add(line);
            }
        }
        return new Listed(api, internal);
    }

    /** The public types compiled beside {@code anchor} (its classes directory), sorted by name. */
    public static List<String> of(Class<?> anchor) throws IOException {
        Path root;
        try {
            root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        TreeSet<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String relative = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
                if (!relative.endsWith(".class") || relative.endsWith("package-info.class")
                        || relative.endsWith("module-info.class")) {
                    continue;
                }
                String name = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                if (isVisibleToHosts(name, anchor.getClassLoader())) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }

    /** The lines of {@code resource}, in order: one type a line; blank lines and {@code #} comments ignored. */
    public static List<String> expected(Class<?> owner, String resource) throws IOException {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + resource + " beside " + owner.getName());
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    out.add(trimmed);
                }
            }
            return out;
        }
    }

    /** What to tell whoever changed the surface: what came, what went, and what to do. */
    public static String difference(List<String> expected, List<String> actual, String resource) {
        TreeSet<String> added = new TreeSet<>(actual);
        added.removeAll(expected);
        TreeSet<String> removed = new TreeSet<>(expected);
        removed.removeAll(actual);
        return "The public surface changed. New public types: " + added + "; no longer public: " + removed
                + ". A public type outside an internal package is a promise to every host: make machinery "
                + "package-private (or move it to an internal package), or add the type to " + resource
                + " as a decision (internal types below its " + INTERNAL_SECTION + " line).";
    }

    private static boolean isVisibleToHosts(String name, ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalStateException("cannot load " + name, e);
        }
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }
}
