package com.example.cpq;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.AdminAuthorizer;
import dev.partnerauth.servlet.PartnerAuthFilters;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.util.Set;

/** The guides' one call on the {@code ServletContext}: compiled here, not listed in META-INF/services of this module. */
// README:begin guide-initializer
public final class PartnerAuthInitializer implements ServletContainerInitializer {
    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        PartnerAuth auth = PartnerAuth.builder()
                .keyPepper(KeyPepper.fromBase64(System.getenv("PARTNER_AUTH_PEPPER")))
                .publicBaseUrl(URI.create(System.getenv("CPQ_PUBLIC_URL")))
                .build();
        PartnerAuthFilters.builder(auth)
                .adminAuthorizer(AdminAuthorizer.containerRole("cpq-admin", "Basic realm=\"CPQ\""))
                .build()
                .register(context); // API + admin at /api/v1/*, landing filter at /*; the container's cookie config is left alone
    }
}
// README:end
