package id.slrt.jobs.etl;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;

/** The Quartz job: one ETL run. Quartz never starts a second one while one is running. */
@DisallowConcurrentExecution
public class EtlJob implements Job {
    private final EtlService etl;

    public EtlJob(EtlService etl) {
        this.etl = etl;
    }

    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        try {
            etl.run(context.getTrigger().getKey().getName());
        } catch (RuntimeException e) {
            throw new JobExecutionException(e, false);
        }
    }
}
