package id.slrt.jobs.etl;

import id.slrt.etl.Etl;
import id.slrt.etl.SparkSessions;
import id.slrt.jobs.runs.RunLog;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import jakarta.annotation.PreDestroy;
import java.time.Instant;

/** Runs the ETL in this JVM's Spark session (created on first use) and records every run. */
@Service
public class EtlService {
    private static final Logger log = LoggerFactory.getLogger(EtlService.class);

    private final EtlProperties properties;
    private final RunLog runLog;
    private SparkSession spark;

    public EtlService(EtlProperties properties, RunLog runLog) {
        this.properties = properties;
        this.runLog = runLog;
    }

    public synchronized Etl.Report run(String trigger) {
        Instant started = Instant.now();
        log.info("ETL run started ({}): inbox {}, warehouse {}", trigger, properties.inbox(), properties.warehouse());
        try {
            if (spark == null) {
                spark = SparkSessions.create(properties.sparkMaster());
            }
            Etl.Report report = new Etl(spark).run(new Etl.Config(properties.inbox(), properties.warehouse(),
                    properties.reference(), properties.state(), properties.keepSnapshots(), false,
                    properties.slaDays()));
            runLog.succeeded(trigger, report);
            log.info("ETL run finished: snapshot {}, read {}, accepted {}, quarantined {}, {} ms", report.snapshot(),
                    report.rowsRead(), report.rowsAccepted(), report.rowsQuarantined(),
                    report.duration().toMillis());
            return report;
        } catch (RuntimeException e) {
            runLog.failed(trigger, started, e);
            log.error("ETL run failed ({}): {}", trigger, e.getMessage(), e);
            throw e;
        }
    }

    @PreDestroy
    synchronized void stopSpark() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
    }
}
