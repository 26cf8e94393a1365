package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.ReadmeSnippets.Snippet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** README.md shows the hosts under src/it as they are: every marked region appears in it verbatim. */
class ReadmeSnippetsTest {
    private static final Path HOSTS = Path.of("src/it");
    private static final Path README = Path.of("../README.md");

    @Test
    void readmeWhenHostsMarkRegionsThenContainsEachVerbatim() throws IOException {
        String readme = Files.readString(README).replace("\r\n", "\n");
        List<Snippet> snippets = ReadmeSnippets.under(HOSTS);
        String pom = Files.readString(Path.of("../pom.xml"));

        List<String> missing = snippets.stream()
                .filter(s -> !readme.contains(ReadmeSnippets.withBuildValues(s.text(), pom)))
                .map(s -> s.name() + " (" + s.file() + ")")
                .collect(Collectors.toList());

        assertEquals(List.of(), missing, "README.md no longer shows these host regions as the hosts have them");
    }

    @Test
    void hostsWhenScannedThenEveryHostShowsItsWiring() {
        Set<String> names = ReadmeSnippets.under(HOSTS).stream().map(Snippet::name).collect(Collectors.toSet());

        assertTrue(names.containsAll(Set.of("maven-dependency", "war-logging", "war-listener", "web-xml-filters",
                "web-xml-admin-login", "tomcat-users", "jetty-partner-auth", "jetty-mount", "jetty-admin-login",
                "host-test-kit", "spring-boot-dependency", "spring-boot-properties", "spring-boot-launch-authorizer",
                "spring-session-dependencies")),
                names.toString());
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
        List<Snippet> snippets = ReadmeSnippets.in(Path.of("A.java"),
                "class A {\n    // README:begin a\n    int x;\n\n        int y;\n    // README:end\n}\n");

        assertEquals(List.of(new Snippet(Path.of("A.java"), "a", "int x;\n\n    int y;")), snippets);
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
