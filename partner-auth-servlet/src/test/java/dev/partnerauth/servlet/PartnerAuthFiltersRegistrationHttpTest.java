package dev.partnerauth.servlet;

import static dev.partnerauth.servlet.PartnerAuthFixture.CREATE_QUOTE;
import static dev.partnerauth.servlet.PartnerAuthFixture.json;
import static dev.partnerauth.servlet.PartnerAuthFixture.pathAndQuery;
import static dev.partnerauth.servlet.PartnerAuthFixture.sessionCookie;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.servlet.testing.ContainerTest;
import dev.partnerauth.servlet.testing.Containers;
import dev.partnerauth.servlet.testing.Http;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** The filters declared by class, as from {@code web.xml}, with their configuration in the context attribute. */
class PartnerAuthFiltersRegistrationHttpTest {

    @ContainerTest
    void filtersDeclaredByClassWhenContextAttributeSetThenFlowWorks(Containers containers) {
        try (PartnerAuthFixture host = PartnerAuthFixture.options().registration((ctx, filters) -> {
            ctx.setAttribute(PartnerAuthFilters.CONTEXT_ATTRIBUTE, filters);
            declareByClass(ctx);
        }).start(containers)) {
            Http.Response launched = host.launch(CREATE_QUOTE, host.token(), "{\"opportunity_id\":\"006\"}");
            Http.Response landed = Http.plain().navigate(host.server.uri(pathAndQuery((String) json(launched).get("url"))));
            Http.Response page = Http.plain().get(host.server.uri(landed.header("Location").orElseThrow()),
                    Map.of("Cookie", sessionCookie(landed).orElseThrow()));

            assertEquals(200, launched.status(), launched.body());
            assertEquals(303, landed.status());
            assertEquals(200, page.status());
            PartnerPrincipal principal = assertInstanceOf(PartnerPrincipal.class, host.pages.remove().userPrincipal());
            assertEquals(host.keyId, principal.keyId().value());
            assertEquals(200, host.admin("GET", "settings", null).status());
        }
    }

    @ContainerTest
    void filtersDeclaredByClassWhenContextAttributeMissingThenStartFails(Containers containers) {
        // Jetty reports the filter's ServletException as the cause; Tomcat only logs it (see the next test)
        assertThrows(IllegalStateException.class, () -> PartnerAuthFixture.options()
                .registration((ctx, filters) -> declareByClass(ctx)).start(containers).close());
    }

    @ContainerTest
    void filterInitWhenContextAttributeMissingThenMessageSaysWhatToDo(Containers containers) {
        AtomicReference<ServletContext> context = new AtomicReference<>();
        try (PartnerAuthFixture host = PartnerAuthFixture.options().registration((ctx, filters) -> {
            context.set(ctx);
            filters.register(ctx);
        }).start(containers)) {
            context.get().removeAttribute(PartnerAuthFilters.CONTEXT_ATTRIBUTE);

            ServletException failure = assertThrows(ServletException.class,
                    () -> new PartnerApiFilter().init(config(context.get())));

            assertTrue(failure.getMessage().contains("partner-auth is not configured"), failure.getMessage());
            assertTrue(failure.getMessage().contains(PartnerAuthFilters.CONTEXT_ATTRIBUTE), failure.getMessage());
        }
    }

    private static void declareByClass(ServletContext ctx) {
        EnumSet<DispatcherType> request = EnumSet.of(DispatcherType.REQUEST);
        ctx.addFilter("landing", PartnerLandingFilter.class).addMappingForUrlPatterns(request, false, "/*");
        ctx.addFilter("admin", PartnerAdminFilter.class).addMappingForUrlPatterns(request, false, "/api/v1/*");
        ctx.addFilter("api", PartnerApiFilter.class).addMappingForUrlPatterns(request, false, "/api/v1/*");
    }

    private static FilterConfig config(ServletContext context) {
        return new FilterConfig() {
            @Override
            public String getFilterName() {
                return "api";
            }

            @Override
            public ServletContext getServletContext() {
                return context;
            }

            @Override
            public String getInitParameter(String name) {
                return null;
            }

            @Override
            public Enumeration<String> getInitParameterNames() {
                return Collections.emptyEnumeration();
            }
        };
    }
}
