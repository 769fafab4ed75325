package id.slrt.jobs.etl;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.file.Path;

/**
 * {@code slrt.etl.*} in application.yml.
 *
 * @param cron         Quartz cron expression (seconds first), in {@code timeZone}
 * @param runOnStart   run once as soon as the service is up
 * @param sparkMaster  {@code local[*]} or a cluster URL such as {@code spark://host:7077}
 * @param state        ETL-private state: staged rows, raw quarantined rows, run journal, pseudonym key
 * @param slaDays      referral service-level target in days
 */
@ConfigurationProperties("slrt.etl")
public record EtlProperties(Path inbox, Path warehouse, Path reference, Path state, String sparkMaster, int keepSnapshots,
                            String cron, String timeZone, boolean runOnStart, Path runLog, int slaDays) {
}
