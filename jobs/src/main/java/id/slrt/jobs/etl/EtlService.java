package id.slrt.jobs.etl;

import id.slrt.etl.Etl;
import id.slrt.etl.runs.Progress;
import id.slrt.jobs.runs.RunRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Runs the ETL for a run record in its own JVM ({@link EtlProcess}), writing its progress to the record. */
@Service
public class EtlService {
    private static final Logger log = LoggerFactory.getLogger(EtlService.class);
    /** Progress reaches the database at most this often, besides every change of stage. */
    private static final long PROGRESS_INTERVAL_MS = 1000;

    private final EtlProperties properties;
    private final RunRecords records;
    private final EtlProcess process;

    public EtlService(EtlProperties properties, RunRecords records, EtlProcess process) {
        this.properties = properties;
        this.records = records;
        this.process = process;
    }

    /** Runs the ETL for the run record {@code runId}; throws when the run fails. */
    public synchronized Etl.Report run(long runId) {
        log.info("ETL run {} started: inbox {}, warehouse {}", runId, properties.inboxArgument(), properties.warehouseArgument());
        Etl.Report report = process.run(runId, throttled(runId));
        log.info("ETL run {} finished: snapshot {}, read {}, accepted {}, quarantined {}, {} ms", runId,
                report.snapshot(), report.rowsRead(), report.rowsAccepted(), report.rowsQuarantined(),
                report.duration().toMillis());
        return report;
    }

    private Progress throttled(long runId) {
        return new Progress() {
            private Stage lastStage;
            private long lastWrite;

            @Override
            public synchronized void update(Stage stage, long done, long total, long rows) {
                long now = System.currentTimeMillis();
                if (stage != lastStage || now - lastWrite >= PROGRESS_INTERVAL_MS || done == total) {
                    lastStage = stage;
                    lastWrite = now;
                    try {
                        records.progress(runId, stage, done, total, rows);
                    } catch (RuntimeException e) {
                        log.warn("cannot record the progress of run {}: {}", runId, e.getMessage());
                    }
                }
            }
        };
    }
}
