package dev.partnerauth.servlet.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TomcatContainerTest {

    @Test
    void closeThenBaseDirDeleted() {
        TomcatContainer server = (TomcatContainer) Containers.TOMCAT.start(ctx -> {});
        Path baseDir = server.baseDir();
        assertTrue(Files.isDirectory(baseDir));
        server.close();
        assertFalse(Files.exists(baseDir));
    }

    @Test
    void laterInstanceThenEarlierBaseDirStaysDeleted() {
        TomcatContainer first = (TomcatContainer) Containers.TOMCAT.start(ctx -> {});
        first.close();
        try (ServletContainer second = Containers.TOMCAT.start(ctx -> {})) {
            assertEquals(404, Http.plain().get(second.uri("/")).status());
        }
        assertFalse(Files.exists(first.baseDir()));
    }
}
