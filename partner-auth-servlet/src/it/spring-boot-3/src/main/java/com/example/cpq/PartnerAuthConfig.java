package com.example.cpq;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.PartnerAuthFilters;
import dev.partnerauth.servlet.spring.PartnerAuthSecurity;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class PartnerAuthConfig {
    // README:begin spring-boot-beans
    @Bean
    PartnerAuth partnerAuth(@Value("${PARTNER_AUTH_PEPPER}") String pepper, @Value("${cpq.public-url}") URI publicUrl) {
        return PartnerAuth.builder()
                .keyPepper(KeyPepper.fromBase64(pepper)) // 32+ random bytes, base64, same on every node
                .publicBaseUrl(publicUrl)                // redirect URLs are built from this
                .build();
    }

    @Bean
    PartnerAuthFilters partnerAuthFilters(PartnerAuth auth) {
        return PartnerAuthFilters.builder(auth)
                // the admin API answers to Spring Security's login: 401 without one, 403 without the role
                .adminAuthorizer(PartnerAuthSecurity.adminAuthority("ROLE_CPQ_ADMIN", "Basic realm=\"CPQ\""))
                .build();
    }
    // README:end
}
