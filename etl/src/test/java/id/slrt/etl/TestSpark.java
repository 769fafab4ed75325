package id.slrt.etl;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for all tests of this module: starting Spark costs seconds. */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        // Anew when stopped: a test of the command line (EtlMain.run) stops the session it used, which is this one.
        if (session == null || session.sparkContext().isStopped()) {
            boolean first = session == null;
            session = SparkSessions.create("local[2]");
            if (first) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> session.stop()));
            }
        }
        return session;
    }
}
