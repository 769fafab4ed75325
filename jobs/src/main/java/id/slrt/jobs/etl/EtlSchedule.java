package id.slrt.jobs.etl;

import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.TimeZone;

/**
 * When the ETL runs: the cron schedule from configuration, once at start-up, on demand, and retries.
 * The job store is persistent, so the cron trigger outlives a restart: a slot missed while the service
 * was down is a misfire, and Quartz fires it once at start-up ("fire and proceed"), not once per slot.
 */
@Configuration
public class EtlSchedule {
    public static final JobKey JOB = JobKey.jobKey("etl");
    public static final TriggerKey CRON = TriggerKey.triggerKey("cron");
    static final String ON_DEMAND = "on-demand-";
    private static final Logger log = LoggerFactory.getLogger(EtlSchedule.class);

    @Bean
    JobDetail etlJobDetail() {
        return JobBuilder.newJob(EtlJob.class).withIdentity(JOB).storeDurably()
                .withDescription("Spark ETL: inbox exports to a new warehouse snapshot").build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void scheduleOnStart(ApplicationReadyEvent event) throws SchedulerException {
        EtlProperties properties = event.getApplicationContext().getBean(EtlProperties.class);
        Scheduler scheduler = event.getApplicationContext().getBean(Scheduler.class);
        keepCronInLineWithConfiguration(scheduler, properties);
        if (properties.runOnStart()) {
            runNow(scheduler, "start-up-");
        }
    }

    /**
     * Replacing an unchanged trigger would reset its next fire time and lose a missed slot, so the stored
     * trigger stays unless the configured expression or time zone changed.
     */
    static void keepCronInLineWithConfiguration(Scheduler scheduler, EtlProperties properties) throws SchedulerException {
        TimeZone zone = TimeZone.getTimeZone(properties.timeZone());
        Trigger wanted = TriggerBuilder.newTrigger().forJob(JOB).withIdentity(CRON)
                .withSchedule(CronScheduleBuilder.cronSchedule(properties.cron()).inTimeZone(zone)
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
        Trigger stored = scheduler.getTrigger(CRON);
        if (stored instanceof CronTrigger cron && cron.getCronExpression().equals(properties.cron())
                && cron.getTimeZone().getID().equals(zone.getID())) {
            log.info("ETL schedule kept: {} ({}), next run {}", properties.cron(), zone.getID(), stored.getNextFireTime());
            return;
        }
        if (wanted.getFireTimeAfter(new Date()) == null) {
            log.warn("ETL schedule {} ({}) has no time left to fire; no scheduled runs", properties.cron(), zone.getID());
            return;
        }
        try {
            if (stored == null) {
                scheduler.scheduleJob(wanted);
            } else {
                scheduler.rescheduleJob(CRON, wanted);
            }
        } catch (ObjectAlreadyExistsException e) {
            return; // another instance of the service stored it a moment ago
        }
        log.info("ETL schedule set: {} ({}), next run {}", properties.cron(), zone.getID(),
                scheduler.getTrigger(CRON).getNextFireTime());
    }

    /**
     * Queues a run now; it waits while one is running, on any instance.
     *
     * @return the trigger's name, or empty when a run asked for on demand is already waiting
     */
    public static Optional<String> runNow(Scheduler scheduler, String prefix) throws SchedulerException {
        if (prefix.equals(ON_DEMAND) && queuedOnDemand(scheduler)) {
            return Optional.empty();
        }
        String name = prefix + System.currentTimeMillis();
        scheduler.scheduleJob(TriggerBuilder.newTrigger().forJob(JOB).withIdentity(name).startNow().build());
        return Optional.of(name);
    }

    public static Optional<String> runNow(Scheduler scheduler) throws SchedulerException {
        return runNow(scheduler, ON_DEMAND);
    }

    /** An on-demand run not started yet (its trigger is gone once it fires). */
    public static boolean queuedOnDemand(Scheduler scheduler) throws SchedulerException {
        return scheduler.getTriggersOfJob(JOB).stream().anyMatch(t -> t.getKey().getName().startsWith(ON_DEMAND));
    }

    /** The next attempt of a failed run. */
    static void retry(Scheduler scheduler, int attempt, Instant at) throws SchedulerException {
        scheduler.scheduleJob(TriggerBuilder.newTrigger().forJob(JOB).withIdentity("retry-" + attempt + "-" + at.toEpochMilli())
                .usingJobData(EtlJob.ATTEMPT, attempt).startAt(Date.from(at)).build());
    }

    /** The next cron slot, if the schedule is stored. */
    public static Optional<Instant> nextCronRun(Scheduler scheduler) throws SchedulerException {
        Trigger cron = scheduler.getTrigger(CRON);
        return Optional.ofNullable(cron).map(Trigger::getNextFireTime).map(Date::toInstant);
    }
}
