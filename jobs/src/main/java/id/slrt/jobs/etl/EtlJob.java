package id.slrt.jobs.etl;

import id.slrt.jobs.alerts.FailureWebhook;
import id.slrt.jobs.runs.RunRecords;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The Quartz job: one ETL attempt. Never two at once: {@code @DisallowConcurrentExecution} holds in the
 * clustered JDBC job store too, so a second instance of the service waits for the first one's run.
 * A failed attempt schedules the next after the configured back-off; the last one calls the webhook.
 */
@DisallowConcurrentExecution
public class EtlJob implements Job {
    static final String ATTEMPT = "attempt";
    private static final Logger log = LoggerFactory.getLogger(EtlJob.class);

    private final EtlService etl;
    private final RunRecords records;
    private final EtlProperties properties;
    private final FailureWebhook webhook;

    public EtlJob(EtlService etl, RunRecords records, EtlProperties properties, FailureWebhook webhook) {
        this.etl = etl;
        this.records = records;
        this.properties = properties;
        this.webhook = webhook;
    }

    @Override
    public void execute(JobExecutionContext context) {
        int attempt = context.getMergedJobDataMap().containsKey(ATTEMPT)
                ? context.getMergedJobDataMap().getIntValue(ATTEMPT) : 1;
        String trigger = context.getTrigger().getKey().getName();
        long id = records.started(trigger, attempt, instanceId(context), context.getScheduledFireTime().toInstant());
        try {
            records.finished(id, etl.run(id));
        } catch (RuntimeException e) {
            log.error("ETL run {} ({}, attempt {}) failed: {}", id, trigger, attempt, e.getMessage(), e);
            failed(context, id, attempt, e);
        }
    }

    private void failed(JobExecutionContext context, long id, int attempt, RuntimeException error) {
        List<Duration> backoff = properties.retryBackoff();
        Instant retryAt = null;
        if (attempt <= backoff.size()) {
            retryAt = Instant.now().plus(backoff.get(attempt - 1));
            try {
                EtlSchedule.retry(context.getScheduler(), attempt + 1, retryAt);
            } catch (SchedulerException e) {
                log.error("cannot schedule the retry of ETL run {}: {}", id, e.getMessage(), e);
                retryAt = null;
            }
        }
        records.failed(id, error.getMessage(), retryAt);
        if (retryAt == null) {
            records.find(id).ifPresent(webhook::etlFailed);
        } else {
            log.info("ETL attempt {} of {} failed; next attempt at {}", attempt, backoff.size() + 1, retryAt);
        }
    }

    private static String instanceId(JobExecutionContext context) {
        try {
            return context.getScheduler().getSchedulerInstanceId();
        } catch (SchedulerException e) {
            return "unknown";
        }
    }
}
