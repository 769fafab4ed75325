package id.slrt.dashboard.instances;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One dashboard among several behind a reverse proxy ({@code slrt.instance}, docs/cluster.md, "Dashboards
 * side by side").
 *
 * @param name        this instance's name, 1-20 of a-z, 0-9, '-': sent as the {@value RouteCookie#NAME}
 *                    cookie the proxy routes a browser's requests by (Vaadin keeps a screen's state in this
 *                    instance's memory); empty for a single instance (no cookie)
 * @param sharedState {@code files} (one instance: the audit log and the sent-mail log are local files) or
 *                    {@code database} (the audit log and the sent mails in the configured database, with the
 *                    annotations, so instances share them and no mail is sent twice)
 */
@ConfigurationProperties(prefix = "slrt.instance")
public record InstanceProperties(@DefaultValue("") String name, @DefaultValue("files") SharedState sharedState) {

    public enum SharedState { FILES, DATABASE }

    public InstanceProperties {
        if (!name.isEmpty() && !name.matches("[a-z0-9-]{1,20}")) {
            throw new IllegalArgumentException("slrt.instance.name: '" + name + "'; give 1-20 of a-z, 0-9, '-'");
        }
    }

    public boolean sharedInDatabase() {
        return sharedState == SharedState.DATABASE;
    }

    /** How the audit and the sent mails name this instance. */
    public String label() {
        return name.isEmpty() ? "single" : name;
    }
}
