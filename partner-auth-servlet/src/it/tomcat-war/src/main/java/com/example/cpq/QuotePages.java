package com.example.cpq;

import dev.partnerauth.PartnerPrincipal;
import dev.partnerauth.servlet.PartnerSessions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/** The CPQ's own pages: they only read who is signed in. */
public final class QuotePages extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<PartnerPrincipal> partner = PartnerSessions.principal(request);
        response.setContentType("text/plain;charset=utf-8");
        response.getWriter().write(partner.isEmpty() ? "anonymous"
                : "partner " + request.getUserPrincipal().getName() + " role=" + request.isUserInRole("partner"));
    }
}
