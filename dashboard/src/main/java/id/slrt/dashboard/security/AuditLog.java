package id.slrt.dashboard.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import id.slrt.dashboard.instances.InstanceProperties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/**
 * Who signed in, who failed to, who was locked out, who exported what, and which report was mailed to
 * whom, who added or deleted which annotation: one tab-separated line each (UTC time, event, user or recipient, detail) in
 * {@code slrt.security.audit-log}; with instances side by side ({@code slrt.instance.shared-state: database})
 * one row each in the shared database's {@code audit_log} instead, and in the file only when the database
 * refuses it, so no line is lost.
 */
@Component
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private final Path file;
    private final AuditStore store;
    private final String instance;

    /** A single instance's audit file (tools and tests). */
    public AuditLog(SecurityProperties properties) {
        this(properties, new InstanceProperties("", InstanceProperties.SharedState.FILES), null);
    }

    @Autowired
    public AuditLog(SecurityProperties properties, InstanceProperties instance, AuditStore store) {
        this.file = properties.auditLog().toAbsolutePath();
        this.store = instance.sharedInDatabase() ? store : null;
        this.instance = instance.label();
    }

    public Path file() {
        return file;
    }

    /** Every line written so far, oldest first: the file's, or the shared table's. */
    public List<String> lines() {
        if (store != null) {
            return store.lines();
        }
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @EventListener
    public void loggedIn(AuthenticationSuccessEvent event) {
        if (event.getAuthentication() instanceof RememberedBasicLogins.RememberedLogin) {
            return; // the same API user and password within minutes: logged when first checked
        }
        write("LOGIN", event.getAuthentication().getName(), event.getAuthentication().getClass().getSimpleName());
    }

    @EventListener
    public void failed(AbstractAuthenticationFailureEvent event) {
        if (event.getException() instanceof SignInLocked) {
            return; // the lockout itself is logged once (LOCKOUT); a line per refused try would let a flood fill the disk
        }
        write("LOGIN_FAILED", String.valueOf(event.getAuthentication().getName()), event.getException().getClass().getSimpleName());
    }

    /** Failed sign-ins locked a user name or an address out ({@link SignInThrottle}). */
    public void lockedOut(String what, java.time.Duration howLong) {
        write("LOCKOUT", what, "for " + howLong.toSeconds() + " s");
    }

    /** A published snapshot is not the sample data: demo users may no longer sign in ({@link DemoUsers}). */
    public void demoClosed(String snapshot) {
        write("DEMO_CLOSED", "demo users", "snapshot " + snapshot + " is not the sample data");
    }

    public void exported(String user, String what) {
        write("EXPORT", user, what);
    }

    /** An administrator asked for an ETL run now (screen or API). */
    public void runNow(String user, String outcome) {
        write("RUN_NOW", user, outcome);
    }

    /** A scheduled report sent by mail: it leaves the system like an export, to the recipient. */
    public void mailed(String recipient, String what) {
        write("MAIL", recipient, what);
    }

    /** An annotation added or deleted (its id, region, months and kind; its text stays in the database). */
    public void annotated(String user, String what) {
        write("ANNOTATION", user, what);
    }

    private synchronized void write(String event, String user, String detail) {
        Instant now = Instant.now();
        String line = now + "\t" + event + "\t" + clean(user) + "\t" + clean(detail) + "\n";
        if (store != null) {
            try {
                store.append(now, event, clean(user), clean(detail), instance);
                return;
            } catch (RuntimeException e) {
                log.error("Cannot write the audit line to the shared database; writing it to {} instead", file, e);
            }
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            log.error("Cannot write the audit log {}: {}", file, line.strip(), e);
        }
    }

    private static String clean(String text) {
        return text == null ? "" : text.replaceAll("[\\t\\r\\n]", " ");
    }
}
