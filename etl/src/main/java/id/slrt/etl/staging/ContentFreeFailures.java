package id.slrt.etl.staging;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;

import java.util.Iterator;

/**
 * Runs the parser so that its failures carry no row content. Spark logs a failed task's exception with
 * its message and causes and sends it to the driver, where it ends in the run journal, the runs table
 * and the command line's output; a message such as {@code For input string: "3404..."} quotes a field.
 * A failure keeps only the file's content hash, the exception classes and the stack frames.
 */
final class ContentFreeFailures implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final FlatMapFunction<Row, Row> parser;

    ContentFreeFailures(FlatMapFunction<Row, Row> parser) {
        this.parser = parser;
    }

    @Override
    public Iterator<Row> call(Row task) {
        String fileId = task.getString(0);
        Iterator<Row> rows;
        try {
            rows = parser.call(task);
        } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
            throw new ParseFailure(fileId, e);
        }
        // The parser may be lazy: a failure can come while its rows are read.
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                try {
                    return rows.hasNext();
                } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                    throw new ParseFailure(fileId, e);
                }
            }

            @Override
            public Row next() {
                try {
                    return rows.next();
                } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                    throw new ParseFailure(fileId, e);
                }
            }
        };
    }

    /** A parser failure without the messages of the original exception and its causes (and without them as causes). */
    static final class ParseFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ParseFailure(String fileId, Throwable e) {
            super("parsing the export file with content hash " + fileId + " failed: " + classes(e)
                    + " (messages left out: they can quote the file's rows)");
            setStackTrace(e.getStackTrace());
        }

        private static String classes(Throwable e) {
            StringBuilder s = new StringBuilder(e.getClass().getName());
            Throwable c = e.getCause();
            for (int depth = 0; c != null && depth < 10; depth++, c = c.getCause()) {
                s.append(" caused by ").append(c.getClass().getName());
            }
            return s.toString();
        }
    }
}
