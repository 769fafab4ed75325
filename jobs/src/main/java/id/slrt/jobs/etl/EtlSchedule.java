package id.slrt.jobs.etl;

import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.util.TimeZone;

/** When the ETL runs: the cron schedule from configuration, once at start-up, and on demand. */
@Configuration
public class EtlSchedule {
    public static final JobKey JOB = JobKey.jobKey("etl");

    @Bean
    JobDetail etlJobDetail() {
        return JobBuilder.newJob(EtlJob.class).withIdentity(JOB).storeDurably()
                .withDescription("Spark ETL: inbox exports to a new warehouse snapshot").build();
    }

    @Bean
    Trigger etlCronTrigger(JobDetail etlJobDetail, EtlProperties properties) {
        return TriggerBuilder.newTrigger().forJob(etlJobDetail).withIdentity("cron")
                .withSchedule(CronScheduleBuilder.cronSchedule(properties.cron())
                        .inTimeZone(TimeZone.getTimeZone(properties.timeZone()))
                        // A slot missed while a run was busy runs once, not once per slot.
                        .withMisfireHandlingInstructionFireAndProceed())
                .build();
    }

    @EventListener(ApplicationReadyEvent.class)
    void runOnStart(ApplicationReadyEvent event) throws SchedulerException {
        EtlProperties properties = event.getApplicationContext().getBean(EtlProperties.class);
        if (properties.runOnStart()) {
            runNow(event.getApplicationContext().getBean(Scheduler.class), "start-up");
        }
    }

    /** Queues a run now; it waits if one is already running. */
    public static void runNow(Scheduler scheduler, String reason) throws SchedulerException {
        scheduler.scheduleJob(TriggerBuilder.newTrigger().forJob(JOB)
                .withIdentity(reason + "-" + System.currentTimeMillis()).startNow().build());
    }
}
