package com.example.cpq;

import dev.partnerauth.PartnerAuth;
import dev.partnerauth.key.KeyPepper;
import dev.partnerauth.servlet.AdminAuthorizer;
import dev.partnerauth.servlet.PartnerAuthFilters;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.net.URI;

/**
 * Builds partner-auth when the WAR starts and hands it to the filters that web.xml declares. The
 * pepper and the public URL come from the environment of the Tomcat process.
 */
// README:begin war-listener
public final class PartnerAuthSetup implements ServletContextListener {
    @Override
    public void contextInitialized(ServletContextEvent event) {
        PartnerAuth auth = PartnerAuth.builder()
                .keyPepper(KeyPepper.fromBase64(System.getenv("PARTNER_AUTH_PEPPER")))
                .publicBaseUrl(URI.create(System.getenv("CPQ_PUBLIC_URL")))
                .build();
        PartnerAuthFilters filters = PartnerAuthFilters.builder(auth)
                .adminAuthorizer(AdminAuthorizer.containerRole("cpq-admin", "Basic realm=\"CPQ\""))
                .build();
        event.getServletContext().setAttribute(PartnerAuthFilters.CONTEXT_ATTRIBUTE, filters);
    }
}
// README:end
