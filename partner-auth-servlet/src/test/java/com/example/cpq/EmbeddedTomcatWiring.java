package com.example.cpq;

import dev.partnerauth.servlet.PartnerAuthFilters;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;

/**
 * The guides' embedded Tomcat mount, compiled here; the HTTP suite's Tomcat containers mount the
 * filters this way. A class of its own, so that test runs without Tomcat on the classpath never load it.
 */
final class EmbeddedTomcatWiring {
    private EmbeddedTomcatWiring() {
    }

    static Context mount(Tomcat tomcat, String baseDir, PartnerAuthFilters filters) {
        // README:begin guide-embedded-tomcat
        Context context = tomcat.addContext("", baseDir);
        context.addServletContainerInitializer((classes, ctx) -> filters.register(ctx), null);
        // README:end
        return context;
    }
}
