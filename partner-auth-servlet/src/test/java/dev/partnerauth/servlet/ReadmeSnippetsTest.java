package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.ReadmeSnippets.Snippet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * README.md and the guides under docs/ show the hosts under src/it and the guide sources under
 * src/test/java/com/example as they are: every marked region appears in one of them verbatim, and
 * every Java snippet they show is such a region (cut from a source file that a build compiles, with
 * its package and imports).
 */
class ReadmeSnippetsTest {
    private static final Path HOSTS = Path.of("src/it");
    private static final Path GUIDE_SOURCES = Path.of("src/test/java/com/example");
    private static final Path README = Path.of("../README.md");
    private static final Path DOCS = Path.of("../docs");

    /** README.md and every guide docs/*.md, by path, with their text. */
    static Map<Path, String> pages() {
        Map<Path, String> pages = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>(List.of(README));
        try (Stream<Path> guides = Files.list(DOCS)) {
            guides.filter(f -> f.toString().endsWith(".md")).sorted().forEach(files::add);
            for (Path f : files) {
                pages.put(f, Files.readString(f).replace("\r\n", "\n"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pages;
    }

    private static List<Snippet> regions() {
        List<Snippet> all = new ArrayList<>(ReadmeSnippets.under(HOSTS));
        all.addAll(ReadmeSnippets.under(GUIDE_SOURCES));
        return all;
    }

    @Test
    void pagesWhenHostsMarkRegionsThenOneOfThemContainsEachVerbatim() throws IOException {
        Map<Path, String> pages = pages();
        String pom = Files.readString(Path.of("../pom.xml"));

        List<String> missing = regions().stream()
                .filter(s -> pages.values().stream().noneMatch(p -> p.contains(ReadmeSnippets.withBuildValues(s.text(), pom))))
                .map(s -> s.name() + " (" + s.file() + ")")
                .collect(Collectors.toList());

        assertEquals(List.of(), missing, "README.md and docs/*.md no longer show these regions as the sources have them");
    }

    @Test
    void pagesWhenTheyShowJavaThenEachSnippetIsACompiledRegionWithItsImports() throws IOException {
        String pom = Files.readString(Path.of("../pom.xml"));
        Set<String> regions = regions().stream().filter(s -> s.file().toString().endsWith(".java"))
                .map(s -> ReadmeSnippets.withBuildValues(s.text(), pom)).collect(Collectors.toSet());

        List<String> unchecked = new ArrayList<>();
        pages().forEach((page, text) -> {
            for (String fence : ReadmeSnippets.javaFences(text)) {
                if (!regions.contains(fence) || !fence.startsWith("package ")) {
                    unchecked.add(page + ": " + fence.lines().limit(3).collect(Collectors.joining(" / ")));
                }
            }
        });

        assertEquals(List.of(), unchecked, "Java snippets that no compiled source marks as a region");
    }

    @Test
    void hostsWhenScannedThenEveryHostShowsItsWiring() {
        Set<String> names = regions().stream().map(Snippet::name).collect(Collectors.toSet());

        assertTrue(names.containsAll(Set.of("maven-dependency", "war-logging", "war-listener", "web-xml-filters",
                "web-xml-admin-login", "tomcat-users", "jetty-partner-auth", "jetty-mount", "jetty-admin-login",
                "host-test-kit", "spring-boot-dependency", "spring-boot-properties", "spring-boot-launch-authorizer",
                "spring-session-dependencies")),
                names.toString());
    }

    @Test
    void javaRegionWhenAFragmentThenShownAfterThePackageAndTheImportsItUses() {
        List<Snippet> snippets = ReadmeSnippets.in(Path.of("A.java"), String.join("\n",
                "package com.example;", "", "import static org.junit.Assert.assertEquals;", "import java.net.URI;",
                "import java.util.List;", "import java.util.Optional;", "", "class A {", "    // README:begin a",
                "    Optional<URI> u = Optional.empty();", "    // README:end", "}"));

        assertEquals("package com.example;\n\nimport java.net.URI;\nimport java.util.Optional;\n\n"
                + "Optional<URI> u = Optional.empty();", snippets.get(0).text());
    }

    @Test
    void javaRegionWhenItStartsWithItsPackageThenUnchanged() {
        String file = "// README:begin a\npackage p;\n\nimport java.util.List;\n\nclass A {}\n// README:end\n";

        assertEquals("package p;\n\nimport java.util.List;\n\nclass A {}",
                ReadmeSnippets.in(Path.of("A.java"), file).get(0).text());
    }

    @Test
    void javaFencesWhenMarkdownThenOnlyJavaBlocks() {
        String md = "text\n```java\nint x;\n```\n```sh\n```java\n```\n```java\nint y;\n\nint z;\n```\n";

        assertEquals(List.of("int x;", "int y;\n\nint z;"), ReadmeSnippets.javaFences(md));
    }

    @Test
    void buildValuesWhenTokensThenVersionsOfTheParentPom() {
        String pom = "<project><modelVersion>4.0.0</modelVersion><groupId>g</groupId><version>1.2.3</version>"
                + "<properties><slf4j.version>2.0.17</slf4j.version></properties></project>";

        assertEquals("<version>1.2.3</version> <version>2.0.17</version>",
                ReadmeSnippets.withBuildValues("<version>@project.version@</version> <version>@slf4j.version@</version>", pom));
    }

    @Test
    void buildValuesWhenTokenUnknownThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ReadmeSnippets.withBuildValues("@nope.version@", "<project><version>1</version></project>"));
    }

    @Test
    void regionWhenIndentedThenCommonIndentRemovedAndBlankLinesKept() {
        List<Snippet> snippets = ReadmeSnippets.in(Path.of("A.txt"),
                "class A {\n    // README:begin a\n    int x;\n\n        int y;\n    // README:end\n}\n");

        assertEquals(List.of(new Snippet(Path.of("A.txt"), "a", "int x;\n\n    int y;")), snippets);
    }

    @Test
    void regionWhenXmlMarkersThenFound() {
        List<Snippet> snippets = ReadmeSnippets.in(Path.of("web.xml"),
                "<a>\n  <!-- README:begin x -->\n  <b/>\n  <!-- README:end -->\n</a>");

        assertEquals("<b/>", snippets.get(0).text());
    }

    @Test
    void regionWhenNotClosedThenRefusedNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReadmeSnippets.in(Path.of("A.java"), "// README:begin open\nint x;\n"));

        assertTrue(e.getMessage().contains("open"), e.getMessage());
    }

    @Test
    void regionWhenBeginInsideRegionThenRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> ReadmeSnippets.in(Path.of("A.java"), "// README:begin a\n// README:begin b\n// README:end\n"));
    }

    @Test
    void regionWhenEndWithoutBeginThenRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReadmeSnippets.in(Path.of("A.java"), "x\n// README:end\n"));
    }

    @Test
    void markerWhenMisspelledThenRefusedRatherThanSkipped() {
        assertThrows(IllegalArgumentException.class,
                () -> ReadmeSnippets.in(Path.of("A.java"), "// README:begin\nx\n// README:end\n"));
    }
}
