package dev.partnerauth.servlet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.partnerauth.PartnerAuth;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.PartnerAuthFilters;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;

class PartnerAuthAutoConfigurationTest {
    static final String PEPPER = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PartnerAuthAutoConfiguration.class));
    private final WebApplicationContextRunner withoutSpringSecurity = runner
            .withClassLoader(new FilteredClassLoader(HttpSecurity.class));

    @Test
    void propertiesWhenPepperAndUrlThenPartnerAuthAndFilters() {
        runner.withPropertyValues("partner-auth.pepper=" + PEPPER, "partner-auth.public-base-url=https://cpq.example.com")
                .run(context -> {
                    assertNotNull(context.getStartupFailure() == null ? context.getBean(PartnerAuth.class) : null,
                            String.valueOf(context.getStartupFailure()));
                    assertNotNull(context.getBean(PartnerAuthFilters.class));
                    assertEquals(1, context.getBeansOfType(PartnerAuthHttpConfigurer.ChainFilters.class).size());
                    assertTrue(context.getBeansOfType(FilterRegistrationBean.class).isEmpty(),
                            "with Spring Security the filters go into its chain, never also into the container");
                });
    }

    @Test
    void withoutSpringSecurityThenThreeFiltersInRegisterOrder() {
        withoutSpringSecurity.withPropertyValues("partner-auth.pepper=" + PEPPER,
                        "partner-auth.public-base-url=https://cpq.example.com", "partner-auth.landing-patterns=/cpq/*")
                .run(context -> {
                    Map<String, FilterRegistrationBean> beans = context.getBeansOfType(FilterRegistrationBean.class);
                    FilterRegistrationBean<?> landing = beans.get("partnerAuthLandingFilter");
                    FilterRegistrationBean<?> admin = beans.get("partnerAuthAdminFilter");
                    FilterRegistrationBean<?> api = beans.get("partnerAuthApiFilter");
                    assertTrue(landing.getOrder() < admin.getOrder() && admin.getOrder() < api.getOrder(), beans.toString());
                    assertEquals(Set.of("/cpq/*"), Set.copyOf(landing.getUrlPatterns()));
                    assertEquals(Set.of("/api/v1/*"), Set.copyOf(api.getUrlPatterns()));
                    assertEquals(Set.of("/api/v1/*"), Set.copyOf(admin.getUrlPatterns()));
                    assertTrue(context.getBeansOfType(PartnerAuthHttpConfigurer.ChainFilters.class).isEmpty());
                });
    }

    @Test
    void pepperWhenMissingThenStartupFailsWithAnalysisNamingTheProperty() {
        runner.withPropertyValues("partner-auth.public-base-url=https://cpq.example.com").run(context -> {
            FailureAnalysis analysis = new PartnerAuthFailureAnalyzer().analyze(context.getStartupFailure());
            assertNotNull(analysis, String.valueOf(context.getStartupFailure()));
            assertTrue(analysis.getDescription().contains("partner-auth.pepper: no key pepper given"), analysis.getDescription());
            assertTrue(analysis.getAction().contains("Set partner-auth.pepper"), analysis.getAction());
            assertTrue(analysis.getAction().contains("openssl rand -base64 32"), analysis.getAction());
        });
    }

    @Test
    void pepperWhenShortThenAnalysisSaysSoAndNeverRepeatsIt() {
        String shortPepper = "c2hvcnQtcGVwcGVyLXNlY3JldA==";
        runner.withPropertyValues("partner-auth.pepper=" + shortPepper, "partner-auth.public-base-url=https://cpq.example.com")
                .run(context -> {
                    FailureAnalysis analysis = new PartnerAuthFailureAnalyzer().analyze(context.getStartupFailure());
                    assertTrue(analysis.getDescription().matches(".*partner-auth.pepper: the key pepper is \\d+ bytes.*"),
                            analysis.getDescription());
                    assertFalse((analysis.getDescription() + analysis.getAction()).contains(shortPepper));
                    assertFalse((analysis.getDescription() + analysis.getAction()).contains("short-pepper-secret"));
                });
    }

    @Test
    void publicBaseUrlWhenMissingThenAnalysisNamesIt() {
        runner.withPropertyValues("partner-auth.pepper=" + PEPPER).run(context -> {
            FailureAnalysis analysis = new PartnerAuthFailureAnalyzer().analyze(context.getStartupFailure());
            assertTrue(analysis.getDescription().contains("partner-auth.public-base-url: not set"), analysis.getDescription());
        });
    }

    @Test
    void tokenTtlWhenOutOfRangeThenAnalysisNamesIt() {
        runner.withPropertyValues("partner-auth.pepper=" + PEPPER, "partner-auth.public-base-url=https://cpq.example.com",
                "partner-auth.token-ttl=2h").run(context -> {
            FailureAnalysis analysis = new PartnerAuthFailureAnalyzer().analyze(context.getStartupFailure());
            assertTrue(analysis.getDescription().contains("partner-auth.token-ttl: tokenTtl must be between"),
                    analysis.getDescription());
        });
    }

    @Test
    void cacheStoreReadsWhenNegativeThenAnalysisNamesItAndTheOffValue() {
        runner.withPropertyValues("partner-auth.pepper=" + PEPPER, "partner-auth.public-base-url=https://cpq.example.com",
                "partner-auth.cache-store-reads=-1s").run(context -> {
            FailureAnalysis analysis = new PartnerAuthFailureAnalyzer().analyze(context.getStartupFailure());
            assertTrue(analysis.getDescription().contains("partner-auth.cache-store-reads: cacheStoreReads must be 0 (off)"),
                    analysis.getDescription());
        });
    }

    @Test
    void cacheStoreReadsWhenZeroThenStarts() {
        runner.withPropertyValues("partner-auth.pepper=" + PEPPER, "partner-auth.public-base-url=https://cpq.example.com",
                "partner-auth.cache-store-reads=0").run(context -> assertNull(context.getStartupFailure()));
    }

    @Test
    void maxOutstandingTokensPerPartnerWhenNotPositiveThenAnalysisNamesIt() {
        runner.withPropertyValues("partner-auth.pepper=" + PEPPER, "partner-auth.public-base-url=https://cpq.example.com",
                "partner-auth.max-outstanding-tokens-per-partner=0").run(context -> {
            FailureAnalysis analysis = new PartnerAuthFailureAnalyzer().analyze(context.getStartupFailure());
            assertTrue(analysis.getDescription().contains("partner-auth.max-outstanding-tokens-per-partner"),
                    analysis.getDescription());
        });
    }

    @Test
    void adminPasswordWhenSpringSecurityPresentThenRefusedForTheAuthority() {
        runner.withPropertyValues("partner-auth.pepper=" + PEPPER, "partner-auth.public-base-url=https://cpq.example.com",
                "partner-auth.admin.password=long-enough-password").run(context -> {
            FailureAnalysis analysis = new PartnerAuthFailureAnalyzer().analyze(context.getStartupFailure());
            assertTrue(analysis.getDescription().contains("partner-auth.admin.password"), analysis.getDescription());
            assertTrue(analysis.getAction().contains("partner-auth.admin.authority"), analysis.getAction());
            assertFalse(analysis.getDescription().contains("long-enough-password"));
        });
    }

    @Test
    void adminAuthorityWhenNoSpringSecurityThenRefused() {
        withoutSpringSecurity.withPropertyValues("partner-auth.pepper=" + PEPPER,
                "partner-auth.public-base-url=https://cpq.example.com", "partner-auth.admin.authority=ROLE_ADMIN").run(context -> {
            FailureAnalysis analysis = new PartnerAuthFailureAnalyzer().analyze(context.getStartupFailure());
            assertTrue(analysis.getDescription().contains("partner-auth.admin.authority: needs Spring Security"),
                    analysis.getDescription());
        });
    }

    @Test
    void adminPasswordWhenShortThenRefusedNamingIt() {
        withoutSpringSecurity.withPropertyValues("partner-auth.pepper=" + PEPPER,
                "partner-auth.public-base-url=https://cpq.example.com", "partner-auth.admin.password=short").run(context -> {
            FailureAnalysis analysis = new PartnerAuthFailureAnalyzer().analyze(context.getStartupFailure());
            assertTrue(analysis.getDescription().contains("partner-auth.admin.password: the admin password must be at least"),
                    analysis.getDescription());
        });
    }

    @Test
    void hostPartnerAuthWhenDefinedThenBuiltFromItAndNotFromProperties() {
        PartnerAuth own = PartnerAuth.builder().keyPepper(KeyPepper.fromBase64(PEPPER))
                .publicBaseUrl(URI.create("https://own.example.com")).build();
        runner.withBean(PartnerAuth.class, () -> own).run(context -> {
            assertSame(own, context.getBean(PartnerAuth.class), "no pepper property needed: the host's bean is used");
            assertSame(own, context.getBean(PartnerAuthFilters.class).partnerAuth());
        });
    }

    @Test
    void hostFiltersWhenDefinedThenNothingRegisteredNorAddedToChains() {
        PartnerAuth own = PartnerAuth.builder().keyPepper(KeyPepper.fromBase64(PEPPER))
                .publicBaseUrl(URI.create("https://own.example.com")).build();
        PartnerAuthFilters filters = PartnerAuthFilters.builder(own).build();
        withoutSpringSecurity.withBean(PartnerAuth.class, () -> own).withBean(PartnerAuthFilters.class, () -> filters)
                .run(context -> {
                    assertSame(filters, context.getBean(PartnerAuthFilters.class));
                    assertTrue(context.getBeansOfType(FilterRegistrationBean.class).isEmpty());
                });
        runner.withBean(PartnerAuth.class, () -> own).withBean(PartnerAuthFilters.class, () -> filters)
                .run(context -> assertTrue(context.getBeansOfType(PartnerAuthHttpConfigurer.ChainFilters.class).isEmpty()));
    }

    @Test
    void enabledWhenFalseThenNothing() {
        runner.withPropertyValues("partner-auth.enabled=false").run(context -> {
            assertEquals(null, context.getStartupFailure());
            assertTrue(context.getBeansOfType(PartnerAuth.class).isEmpty());
        });
    }

    @Test
    void propertiesWhenPrintedThenSecretsHidden() {
        runner.withPropertyValues("partner-auth.pepper=" + PEPPER, "partner-auth.public-base-url=https://cpq.example.com")
                .run(context -> {
                    String text = context.getBean(PartnerAuthProperties.class).toString();
                    assertFalse(text.contains(PEPPER), text);
                    assertTrue(text.contains("pepper=(set)"), text);
                });
    }

    @Test
    void springFactoriesWhenLoadedThenListAnalyzerAndChainConfigurer() {
        ClassLoader loader = getClass().getClassLoader();
        SpringFactoriesLoader factories = SpringFactoriesLoader.forDefaultResourceLocation(loader);
        // Boot's own analyzers need constructor arguments that Boot passes; only ours is looked at here
        List<FailureAnalyzer> analyzers = factories.load(FailureAnalyzer.class, (type, name, failure) -> { });
        assertTrue(analyzers.stream().anyMatch(PartnerAuthFailureAnalyzer.class::isInstance), analyzers.toString());
        List<AbstractHttpConfigurer> configurers = factories.load(AbstractHttpConfigurer.class);
        assertTrue(configurers.stream().anyMatch(PartnerAuthHttpConfigurer.class::isInstance), configurers.toString());
    }

    @Test
    void metadataWhenReadThenDescribesEveryPropertyAndNoOther() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        Set<String> described = new TreeSet<>();
        for (JsonNode p : metadata.get("properties")) {
            assertFalse(p.path("description").asText().isBlank(), p.toString());
            described.add(p.get("name").asText());
        }
        assertEquals(names("partner-auth", PartnerAuthProperties.class), described);
    }

    @Test
    void springBootGuideWhenReadThenTablesEveryProperty() throws Exception {
        String guide = Files.readString(Path.of("../docs/spring-boot.md"));
        List<String> missing = names("partner-auth", PartnerAuthProperties.class).stream()
                .filter(name -> !guide.contains("| `" + name + "` |")).collect(Collectors.toList());
        assertEquals(List.of(), missing, "docs/spring-boot.md's table of partner-auth properties lacks these");
    }

    /** The property names Boot binds to the record, in its kebab case. */
    private static Set<String> names(String prefix, Class<?> record) {
        Set<String> names = new TreeSet<>();
        List<Class<?>> nested = new ArrayList<>(List.of(PartnerAuthProperties.Admin.class,
                PartnerAuthProperties.Throttle.class, PartnerAuthProperties.Database.class));
        for (RecordComponent c : record.getRecordComponents()) {
            String name = prefix + "." + c.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
            if (nested.contains(c.getType())) {
                names.addAll(names(name, c.getType()));
            } else {
                names.add(name);
            }
        }
        return names;
    }
}
