package dev.partnerauth.servlet.boot;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Boot's "APPLICATION FAILED TO START" report for a {@code partner-auth.*} setting, instead of a stack trace. */
final class PartnerAuthFailureAnalyzer extends AbstractFailureAnalyzer<PartnerAuthConfigurationException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, PartnerAuthConfigurationException cause) {
        return new FailureAnalysis("partner-auth could not start: " + cause.getMessage(), cause.action(), cause);
    }
}
