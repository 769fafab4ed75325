package id.slrt.etl;

import org.apache.spark.sql.SparkSession;

/** One local Spark session for all tests of this module: starting Spark costs seconds. */
public final class TestSpark {
    private static SparkSession session;

    private TestSpark() {
    }

    public static synchronized SparkSession session() {
        if (session == null) {
            session = SparkSessions.create("local[2]");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
