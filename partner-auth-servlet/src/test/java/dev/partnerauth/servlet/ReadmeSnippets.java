package dev.partnerauth.servlet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The regions of host sources that README.md and the guides under docs/ show, marked {@code //
 * README:begin <name>} ... {@code // README:end} (in XML {@code <!-- README:begin <name> -->} ...
 * {@code <!-- README:end -->}). A region is its lines between the markers with their common
 * indentation removed, so a snippet cut out of a method body reads as it would at the left margin.
 * A region of a Java file that does not itself begin with its {@code package} line is shown after
 * the file's {@code package} line and the file's imports that the region uses (a simple name of the
 * import appears in it as a word), so that every Java snippet names where its types come from.
 */
final class ReadmeSnippets {
    private static final Pattern BEGIN = Pattern.compile("^\\s*(?://|<!--|#)\\s*README:begin\\s+([\\w.-]+)\\s*(?:-->)?\\s*$");
    private static final Pattern END = Pattern.compile("^\\s*(?://|<!--|#)\\s*README:end\\s*(?:-->)?\\s*$");
    private static final Pattern TOKEN = Pattern.compile("@([\\w.-]+)@");
    private static final Pattern ANY_MARKER = Pattern.compile("README:(begin|end)");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+[\\w.]+;$");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?[\\w.]*?(\\w+|\\*);$");

    record Snippet(Path file, String name, String text) {
    }

    private ReadmeSnippets() {
    }

    /** Every region of every source file under {@code root}, build output excluded. */
    static List<Snippet> under(Path root) {
        List<Snippet> snippets = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile)
                    .filter(f -> !isBuildOutput(root.relativize(f)))
                    .sorted()
                    .forEach(f -> snippets.addAll(in(f, read(f))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return snippets;
    }

    /**
     * The regions of one file's text.
     *
     * @throws IllegalArgumentException for a marker that does not pair up: a begin inside a region,
     *     an end outside one, a region left open, or a marker line of another shape
     */
    static List<Snippet> in(Path file, String text) {
        List<Snippet> snippets = new ArrayList<>();
        String name = null;
        List<String> lines = new ArrayList<>();
        String[] all = text.split("\r?\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            Matcher begin = BEGIN.matcher(line);
            if (begin.matches()) {
                if (name != null) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": README:begin inside region " + name);
                }
                name = begin.group(1);
                lines.clear();
            } else if (END.matcher(line).matches()) {
                if (name == null) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": README:end outside a region");
                }
                String region = dedent(lines);
                snippets.add(new Snippet(file, name,
                        file.toString().endsWith(".java") ? withPackageAndImports(all, region) : region));
                name = null;
            } else if (ANY_MARKER.matcher(line).find()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": malformed README marker: " + line.trim());
            } else if (name != null) {
                lines.add(line);
            }
        }
        if (name != null) {
            throw new IllegalArgumentException(file + ": region " + name + " has no README:end");
        }
        return snippets;
    }

    /**
     * The snippet as README shows it: the invoker's {@code @name@} tokens (a host pom's versions)
     * replaced by their values in the parent {@code pom}, {@code @project.version@} by its version.
     *
     * @throws IllegalArgumentException for a token the parent pom does not define
     */
    static String withBuildValues(String text, String pom) {
        Matcher token = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (token.find()) {
            String name = token.group(1);
            Matcher value = Pattern.compile(name.equals("project.version")
                    ? "</modelVersion>.*?<version>([^<]+)</version>"
                    : "<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">", Pattern.DOTALL).matcher(pom);
            if (!value.find()) {
                throw new IllegalArgumentException("the parent pom defines no " + name);
            }
            token.appendReplacement(out, Matcher.quoteReplacement(value.group(1)));
        }
        return token.appendTail(out).toString();
    }

    /** The bodies of the {@code ```java} fenced blocks of a Markdown text, in order. */
    static List<String> javaFences(String markdown) {
        List<String> fences = new ArrayList<>();
        List<String> body = null;
        boolean otherFence = false;
        for (String line : markdown.split("\r?\n", -1)) {
            if (body != null) {
                if (line.strip().equals("```")) {
                    fences.add(String.join("\n", body));
                    body = null;
                } else {
                    body.add(line);
                }
            } else if (otherFence) {
                otherFence = !line.strip().matches("`{3,}");
            } else if (line.strip().equals("```java")) {
                body = new ArrayList<>();
            } else if (line.strip().startsWith("```")) {
                otherFence = true;
            }
        }
        return fences;
    }

    /**
     * The region after its file's {@code package} line and the imports it uses, blank-line separated
     * as in a source file; a region that starts with its own {@code package} line stays as it is.
     */
    static String withPackageAndImports(String[] file, String region) {
        if (region.startsWith("package ")) {
            return region;
        }
        String pkg = null;
        List<String> imports = new ArrayList<>();
        List<String> staticImports = new ArrayList<>();
        for (String line : file) {
            String l = line.strip();
            if (pkg == null && PACKAGE.matcher(l).matches()) {
                pkg = l;
            }
            Matcher imp = IMPORT.matcher(l);
            if (imp.matches() && uses(region, imp.group(2))) {
                (imp.group(1) != null ? staticImports : imports).add(l);
            }
        }
        StringBuilder out = new StringBuilder();
        if (pkg != null) {
            out.append(pkg).append("\n\n");
        }
        if (!staticImports.isEmpty()) {
            out.append(String.join("\n", staticImports)).append("\n\n");
        }
        if (!imports.isEmpty()) {
            out.append(String.join("\n", imports)).append("\n\n");
        }
        return out.append(region).toString();
    }

    private static boolean uses(String region, String simpleName) {
        if (simpleName.equals("*")) {
            return true;
        }
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(simpleName) + "\\b").matcher(region).find();
    }

    private static boolean isBuildOutput(Path relative) {
        for (Path segment : relative) {
            if (segment.toString().equals("target")) {
                return true;
            }
        }
        return false;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.isBlank() ? "" : l.substring(indent));
        }
        return String.join("\n", out);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
