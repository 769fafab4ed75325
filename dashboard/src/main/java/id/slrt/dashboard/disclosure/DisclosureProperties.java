package id.slrt.dashboard.disclosure;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code slrt.disclosure} in application.yml.
 *
 * @param threshold   the smallest count shown; 1 to threshold - 1 read "&lt;threshold" (default 5)
 * @param exemptRoles roles that see small counts as they are (default none). WHY none: every answer may
 *                    leave the server (export, API, mail); exempting e.g. NATIONAL gives its users exact
 *                    small counts (needed to check a district's data) but makes each of their exports
 *                    personal data to be handled as such. The audit log still records every export.
 */
@ConfigurationProperties(prefix = "slrt.disclosure")
public record DisclosureProperties(@DefaultValue("5") int threshold, @DefaultValue List<String> exemptRoles) {

    public DisclosureProperties {
        if (threshold < 1) {
            throw new IllegalArgumentException("slrt.disclosure.threshold must be at least 1, got " + threshold);
        }
        exemptRoles = List.copyOf(exemptRoles);
    }
}
