package com.example.cpq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.allowlist.IpAllowlist;
import dev.partnerauth.audit.BufferedAuditLog;
import dev.partnerauth.jdbc.PartnerAuthSchema;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.testkit.PartnerTestKit;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.Set;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Every builder call the guides show builds a working {@code PartnerAuth}. */
class HostWiringTest {
    private static final URI URL = URI.create("https://cpq.example.com");
    private final KeyPepper pepper = PartnerTestKit.testPepper();

    private static JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:guide_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    @Test
    void databaseWhenTwoNodesThenAKeyMadeOnOneIsListedOnTheOther() {
        JdbcDataSource db = h2();
        PartnerAuth a = HostWiring.onSeveralNodes(pepper, URL, db);
        PartnerAuth b = HostWiring.onSeveralNodes(pepper, URL, db);

        a.createKey("Acme PRM", IpAllowlist.ANY, null, "admin");

        assertEquals("Acme PRM", b.listKeys().get(0).name());
    }

    @Test
    void oneNodeWhenRestartedOnTheSameDatabaseThenKeepsItsKeys() {
        JdbcDataSource db = h2();
        PartnerAuthSchema.apply(db);
        HostWiring.onOneNodeWithADatabase(pepper, URL, db).createKey("Acme PRM", IpAllowlist.ANY, null, "admin");

        assertEquals(1, HostWiring.onOneNodeWithADatabase(pepper, URL, db).listKeys().size());
    }

    @Test
    void bufferedAuditWhenBuiltThenTheHostClosesIt() throws Exception {
        JdbcDataSource db = h2();
        try (BufferedAuditLog audit = HostWiring.withBatchedAudit(pepper, URL, db)) {
            PartnerAuth reader = HostWiring.onSeveralNodes(pepper, URL, db);
            reader.createKey("Acme PRM", IpAllowlist.ANY, null, "admin");
            assertNotNull(audit);
        }
    }

    @Test
    void othersWhenBuiltThenNoneRefuses() {
        assertNotNull(HostWiring.withLaunchAuthorizer(pepper, URL, id -> Set.of()));
        assertNotNull(HostWiring.withMetrics(new SimpleMeterRegistry(), pepper, URL));
    }
}
