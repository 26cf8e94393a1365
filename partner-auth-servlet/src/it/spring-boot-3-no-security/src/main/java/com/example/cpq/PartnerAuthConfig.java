package com.example.cpq;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.BasicAdminAuthorizer;
import dev.partnerauth.servlet.PartnerAuthFilters;
import java.net.URI;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class PartnerAuthConfig {
    // README:begin spring-boot-plain
    @Bean
    PartnerAuth partnerAuth(@Value("${PARTNER_AUTH_PEPPER}") String pepper, @Value("${cpq.public-url}") URI publicUrl) {
        return PartnerAuth.builder()
                .keyPepper(KeyPepper.fromBase64(pepper)) // 32+ random bytes, base64, same on every node
                .publicBaseUrl(publicUrl)                // redirect URLs are built from this
                .build();
    }

    @Bean
    PartnerAuthFilters partnerAuthFilters(PartnerAuth auth, @Value("${CPQ_ADMIN_PASSWORD}") String adminPassword) {
        return PartnerAuthFilters.builder(auth)
                .adminAuthorizer(new BasicAdminAuthorizer("admin", adminPassword))
                .build();
    }

    @Bean
    ServletContextInitializer partnerAuthRegistration(PartnerAuthFilters filters) {
        return filters::register; // API + admin at /api/v1/*, landing at /*
    }
    // README:end
}
