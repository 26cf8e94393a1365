package dev.partnerauth.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.servlet.DocsLinks.Link;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every link of README.md and of the guides under docs/ names a file that exists, and a heading of it. */
class DocsLinksTest {
    @TempDir
    Path dir;

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void linksWhenReadmeAndGuidesThenEveryFileAndHeadingExists() {
        List<Link> links = new ArrayList<>();
        ReadmeSnippetsTest.pages().forEach((page, text) -> links.addAll(DocsLinks.links(page, text)));

        assertTrue(links.size() > 50, "found only " + links.size() + " links: is the link pattern still right?");
        assertEquals(List.of(), DocsLinks.broken(links, DocsLinksTest::read), "links to a missing file or heading");
    }

    @Test
    void anchorWhenHeadingHasCodeAndPunctuationThenGitHubsRules() {
        assertEquals("a-war-with-webxml-standalone-tomcat-101--11",
                DocsLinks.anchor("A WAR with `web.xml` (standalone Tomcat 10.1 / 11)"));
        assertEquals("programmatically-any-container-one-call-on-the-servletcontext",
                DocsLinks.anchor("Programmatically (any container): one call on the `ServletContext`"));
        assertEquals("metrics-micrometer", DocsLinks.anchor("Metrics (Micrometer)"));
        assertEquals("the-session_generation-column", DocsLinks.anchor("The session_generation column"));
        assertEquals("see-the-guide", DocsLinks.anchor("See [the guide](docs/x.md)"));
    }

    @Test
    void anchorsWhenHeadingRepeatsThenNumberedAndFencesSkipped() {
        Set<String> anchors = DocsLinks.anchors("# Setup\n## Setup\n```sh\n# not a heading\n```\n### Setup ##\n");

        assertEquals(Set.of("setup", "setup-1", "setup-2"), anchors);
    }

    @Test
    void brokenWhenFileMissingThenNamed() throws IOException {
        Path page = Files.writeString(dir.resolve("README.md"), "see [guide](docs/missing.md) and [x](https://example.com/y)\n");

        List<String> broken = DocsLinks.broken(DocsLinks.links(page, read(page)), DocsLinksTest::read);

        assertEquals(1, broken.size(), broken.toString());
        assertTrue(broken.get(0).contains("docs/missing.md") && broken.get(0).contains(":1:"), broken.get(0));
    }

    @Test
    void brokenWhenHeadingMissingThenNamedAndWhenPresentThenNot() throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/guide.md"), "# Guide\n\n## Spring Boot: a dependency and properties\n");
        Path page = Files.writeString(dir.resolve("README.md"), String.join("\n",
                "[ok](docs/guide.md#spring-boot-a-dependency-and-properties)",
                "[gone](docs/guide.md#spring-boot)",
                "[here](#top)", "# Top", "`[code](nowhere.md)`", "```", "[fenced](nowhere.md)", "```", ""));

        List<String> broken = DocsLinks.broken(DocsLinks.links(page, read(page)), DocsLinksTest::read);

        assertEquals(1, broken.size(), broken.toString());
        assertTrue(broken.get(0).contains("#spring-boot (no heading"), broken.get(0));
    }

    @Test
    void brokenWhenImageMissingThenNamed() throws IOException {
        Path page = Files.writeString(dir.resolve("README.md"), "![shot](docs/none.png)\n");

        assertEquals(1, DocsLinks.broken(DocsLinks.links(page, read(page)), DocsLinksTest::read).size());
    }
}
