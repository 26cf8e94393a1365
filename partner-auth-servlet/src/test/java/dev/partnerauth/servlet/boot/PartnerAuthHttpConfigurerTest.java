package dev.partnerauth.servlet.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.PartnerAuthFilters;
import jakarta.servlet.Filter;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;

/** The host's own {@code SecurityFilterChain} gets partner-auth's filters with no line of partner-auth's, once. */
class PartnerAuthHttpConfigurerTest {
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PartnerAuthAutoConfiguration.class))
            .withUserConfiguration(HostSecurity.class)
            .withPropertyValues("partner-auth.pepper=" + PartnerAuthAutoConfigurationTest.PEPPER,
                    "partner-auth.public-base-url=https://cpq.example.com");

    @Test
    void hostChainWhenAutoConfiguredThenHoldsTheFiltersOfTheCustomizer() {
        runner.run(context -> {
            assertNull(context.getStartupFailure());
            List<String> filters = partnerAuthFilters(context.getBean(SecurityFilterChain.class));
            // what PartnerAuthSecurity.customizer adds (its count is that class's business)
            assertTrue(filters.contains("dev.partnerauth.servlet.spring.PartnerSecurityContextFilter"), filters.toString());
            assertTrue(filters.size() >= 3, filters.toString());
        });
    }

    @Test
    void hostChainWhenHostBuiltItsOwnFiltersThenNoneAddedForIt() {
        PartnerAuth own = PartnerAuth.builder().keyPepper(KeyPepper.fromBase64(PartnerAuthAutoConfigurationTest.PEPPER))
                .publicBaseUrl(URI.create("https://own.example.com")).build();
        runner.withBean(PartnerAuthFilters.class, () -> PartnerAuthFilters.builder(own).build())
                .run(context -> assertEquals(List.of(), partnerAuthFilters(context.getBean(SecurityFilterChain.class)),
                        "the host places its own filters with PartnerAuthSecurity.customizer: never twice"));
    }

    @Test
    void partnerAuthWhenDisabledThenChainUntouched() {
        runner.withPropertyValues("partner-auth.enabled=false")
                .run(context -> assertEquals(List.of(), partnerAuthFilters(context.getBean(SecurityFilterChain.class))));
    }

    private static List<String> partnerAuthFilters(SecurityFilterChain chain) {
        return chain.getFilters().stream().map(Filter::getClass).map(Class::getName)
                .filter(name -> name.startsWith("dev.partnerauth.")).collect(Collectors.toList());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    static class HostSecurity {
        @Bean
        SecurityFilterChain hostChain(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated()).httpBasic(basic -> { });
            return http.build();
        }
    }
}
