package id.slrt.dashboard.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints an {@link UnsafeSetup} as Spring Boot's start-up report: what is wrong, then what to do (META-INF/spring.factories). */
public class UnsafeSetupAnalyzer extends AbstractFailureAnalyzer<UnsafeSetup> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSetup cause) {
        return new FailureAnalysis(cause.getMessage(), cause.action(), cause);
    }
}
