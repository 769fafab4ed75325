package id.slrt.etl;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for all tests of this module: starting Spark costs seconds. */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    /** A test that runs the command line (which stops its session when done) gets a new one after it. */
    public static synchronized SparkSession session() {
        if (session == null || session.sparkContext().isStopped()) {
            boolean first = session == null;
            session = SparkSessions.create("local[2]");
            if (first) {
                Runtime.getRuntime().addShutdownHook(new Thread(() -> session().stop()));
            }
        }
        return session;
    }
}
