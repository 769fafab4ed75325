package id.slrt.etl.staging;

import id.slrt.etl.TestSpark;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** A parser failure that quotes a field reaches neither Spark's log nor the driver's exception with it. */
class ContentFreeFailuresTest {
    private static final String NIK = "3404017107650003";
    private static final StructType TASKS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("file_id", DataTypes.StringType, false),
            DataTypes.createStructField("path", DataTypes.StringType, false)));

    /** As a parser bug would fail: a JDK exception whose message quotes the field, wrapped once. */
    static final class QuotingParser implements FlatMapFunction<Row, Row> {
        @Override
        public Iterator<Row> call(Row task) {
            try {
                return List.of(RowFactory.create(Integer.parseInt(NIK))).iterator();
            } catch (NumberFormatException e) {
                throw new IllegalStateException("cannot read nik " + NIK, e);
            }
        }
    }

    @Test
    void aFailedParseTaskLogsAndThrowsOnlyTheExceptionClassesNotTheirMessages() {
        Failure wrapped = run(new ContentFreeFailures(new QuotingParser()));
        assertThat(wrapped.stackTrace()).contains("ContentFreeFailures$ParseFailure")
                .contains("java.lang.IllegalStateException caused by java.lang.NumberFormatException")
                .contains("content hash abc123").doesNotContain(NIK);
        assertThat(wrapped.log()).contains("ParseFailure").doesNotContain(NIK);

        // The same failure unwrapped: Spark logs and rethrows the field, so the search above can find it.
        Failure bare = run(new QuotingParser());
        assertThat(bare.stackTrace()).contains(NIK);
        assertThat(bare.log()).contains(NIK);
    }

    record Failure(String stackTrace, String log) {
    }

    private static Failure run(FlatMapFunction<Row, Row> parser) {
        var spark = TestSpark.session();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream err = System.err;
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        Throwable thrown;
        try {
            thrown = catchThrowable(() -> spark.createDataFrame(List.of(RowFactory.create("abc123", "/nowhere.csv")), TASKS)
                    .flatMap(parser, Encoders.row(DataTypes.createStructType(List.of(
                            DataTypes.createStructField("n", DataTypes.IntegerType, true))))).collectAsList());
        } finally {
            System.setErr(err);
        }
        assertThat(thrown).isNotNull();
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return new Failure(trace.toString(), log.toString(StandardCharsets.UTF_8));
    }
}
