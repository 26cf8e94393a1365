package dev.partnerauth.servlet.boot;

import dev.partnerauth.servlet.PartnerAuthFilters;
import dev.partnerauth.servlet.spring.PartnerAuthSecurity;
import java.util.Objects;
import org.springframework.context.ApplicationContext;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;

/**
 * Puts the auto-configured filters into every {@code SecurityFilterChain} that the host (or Boot's
 * default) builds from Spring Security's {@code HttpSecurity} bean: Spring Security applies the
 * {@code AbstractHttpConfigurer}s listed in {@code META-INF/spring.factories} to each such
 * {@code HttpSecurity} (in Spring Security 6 and 7 alike), so a host writes no security line of
 * partner-auth's. What it adds is {@link PartnerAuthSecurity#customizer}, where each filter goes.
 *
 * <p>Does nothing unless the auto-configuration made the filters ({@link ChainFilters}): a host
 * that builds its own {@link PartnerAuthFilters} places them itself, with that customizer.
 */
final class PartnerAuthHttpConfigurer extends AbstractHttpConfigurer<PartnerAuthHttpConfigurer, HttpSecurity> {
    /** The filters that the auto-configuration made, for the chains; absent when the host made its own. */
    record ChainFilters(PartnerAuthFilters filters) {
        ChainFilters {
            Objects.requireNonNull(filters, "filters");
        }
    }

    @Override
    public void init(HttpSecurity http) throws Exception {
        ApplicationContext context = http.getSharedObject(ApplicationContext.class);
        ChainFilters chain = context == null ? null : context.getBeanProvider(ChainFilters.class).getIfAvailable();
        if (chain != null) {
            // in init, before any configurer's configure: the CSRF exemption is in place before CsrfFilter is made
            PartnerAuthSecurity.customizer(chain.filters()).customize(http);
        }
    }
}
