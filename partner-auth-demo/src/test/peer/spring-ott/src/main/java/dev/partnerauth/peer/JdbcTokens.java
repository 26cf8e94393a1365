package dev.partnerauth.peer;

import com.zaxxer.hikari.HikariConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.ott.JdbcOneTimeTokenService;
import org.springframework.security.authentication.ott.OneTimeTokenService;

/**
 * The {@code jdbc} profile: Spring Security's {@link JdbcOneTimeTokenService} on Spring's own
 * schema ({@code one-time-tokens-schema.sql} in spring-security-core, see {@link #postgresSchema()}), in the database named by
 * {@code peer.jdbc-url}, which must be empty (peer-run.sh creates a fresh one and drops it), unless
 * {@code peer.create-schema=false} (a second instance on the first one's database). The
 * pool is Hikari at its defaults (10 connections, as Boot would configure it, and as the demo's).
 * The one-time-token login picks the {@link OneTimeTokenService} bean up by itself.
 */
@Configuration
@Profile("jdbc")
class JdbcTokens {
    static final String SCHEMA = "org/springframework/security/core/ott/jdbc/one-time-tokens-schema.sql";

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(@Value("${peer.jdbc-url}") String url,
                                @Value("${peer.create-schema:true}") boolean createSchema) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("spring-ott-peer");
        pool.setJdbcUrl(url);
        pool.setUsername(System.getProperty("peer.jdbc-user", "postgres"));
        HikariDataSource ds = new HikariDataSource(pool);
        if (createSchema) {
            new JdbcTemplate(ds).execute(postgresSchema());
        }
        return ds;
    }

    /**
     * Spring's schema file as shipped, with its one HSQLDB-only type ({@code varchar_ignorecase})
     * read as {@code varchar}, as Spring's reference documentation tells PostgreSQL users to do with
     * its schema files: the same table, columns, primary key and lengths.
     */
    static String postgresSchema() {
        try (InputStream in = new ClassPathResource(SCHEMA).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("varchar_ignorecase", "varchar");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + SCHEMA + " from spring-security-core", e);
        }
    }

    @Bean
    OneTimeTokenService oneTimeTokenService(DataSource dataSource) {
        return new JdbcOneTimeTokenService(new JdbcTemplate(dataSource));
    }
}
