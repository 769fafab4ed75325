package id.slrt.dashboard.operations;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The jobs service the operations screen talks to ({@code slrt.jobs.*}): its runs API for "run now"
 * and the progress of a run.
 *
 * @param url      the jobs service's base URL
 * @param apiToken the bearer token the jobs service expects ({@code slrt.jobs.api-token} there too);
 *                 empty: the screen shows the runs from the warehouse only
 */
@ConfigurationProperties("slrt.jobs")
public record JobsProperties(@DefaultValue("http://127.0.0.1:8081") URI url, @DefaultValue("") String apiToken) {
}
