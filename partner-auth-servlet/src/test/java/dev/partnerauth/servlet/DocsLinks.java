package dev.partnerauth.servlet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown pages, and whether each one resolves: to a file or directory that
 * exists and, with a {@code #fragment} into a Markdown page, to a heading of that page by GitHub's
 * anchor rules (the heading's text lowercased, everything but letters, digits, spaces, {@code -}
 * and {@code _} dropped, each space a {@code -}; the second heading of one anchor gets {@code -1},
 * the third {@code -2}). Links inside fenced code blocks and inline code are not links.
 */
final class DocsLinks {
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\([^)]*\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

    record Link(Path page, int line, String target) {
    }

    private DocsLinks() {
    }

    /** The anchor GitHub gives a heading's text (before the suffix of a repeated one). */
    static String anchor(String heading) {
        String text = INLINE_LINK.matcher(heading).replaceAll("$1");
        StringBuilder out = new StringBuilder();
        text.toLowerCase(Locale.ROOT).codePoints().forEach(c -> {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.appendCodePoint(c);
            } else if (c == ' ') {
                out.append('-');
            }
        });
        return out.toString();
    }

    /** Every anchor of a page's headings, repeated ones with their {@code -1}, {@code -2} suffix. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(markdown)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String a = anchor(heading.group(1));
                int n = seen.merge(a, 1, Integer::sum);
                anchors.add(n == 1 ? a : a + "-" + (n - 1));
            }
        }
        return anchors;
    }

    /** The relative links of a page (not {@code http:}, {@code https:} or {@code mailto:}). */
    static List<Link> links(Path page, String markdown) {
        List<Link> links = new ArrayList<>();
        List<String> lines = prose(markdown);
        for (int i = 0; i < lines.size(); i++) {
            Matcher link = LINK.matcher(INLINE_CODE.matcher(lines.get(i)).replaceAll(""));
            while (link.find()) {
                String target = link.group(1);
                if (!target.matches("(?i)(https?|mailto):.*")) {
                    links.add(new Link(page, i + 1, target));
                }
            }
        }
        return links;
    }

    /**
     * The links among these that do not resolve, each as {@code page:line: target (why)}.
     *
     * @param read the text of a Markdown page that a link names (called only for existing files)
     */
    static List<String> broken(List<Link> links, Function<Path, String> read) {
        List<String> broken = new ArrayList<>();
        for (Link link : links) {
            String target = link.target();
            int hash = target.indexOf('#');
            String file = hash < 0 ? target : target.substring(0, hash);
            String fragment = hash < 0 ? null : target.substring(hash + 1);
            Path resolved = file.isEmpty() ? link.page() : link.page().toAbsolutePath().getParent().resolve(file).normalize();
            String where = link.page() + ":" + link.line() + ": " + target;
            if (!Files.exists(resolved)) {
                broken.add(where + " (no file " + resolved + ")");
            } else if (fragment != null) {
                if (!resolved.toString().endsWith(".md")) {
                    broken.add(where + " (a fragment into a file that is not Markdown)");
                } else if (!anchors(read.apply(resolved)).contains(fragment)) {
                    broken.add(where + " (no heading with that anchor in " + resolved.getFileName() + ")");
                }
            }
        }
        return broken;
    }

    /** The lines outside fenced code blocks; a fence's lines become empty, keeping line numbers. */
    private static List<String> prose(String markdown) {
        List<String> out = new ArrayList<>();
        boolean fence = false;
        for (String line : markdown.split("\r?\n", -1)) {
            if (fence ? line.strip().matches("`{3,}") : line.strip().startsWith("```")) {
                fence = !fence; // a fence opens with an info string or none, and closes with none
                out.add("");
            } else {
                out.add(fence ? "" : line);
            }
        }
        return out;
    }
}
