package id.slrt.etl.staging;

import id.slrt.etl.ingest.Reason;
import id.slrt.etl.ingest.RowChecker;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Names the export that kills the reader (out of memory, a crash of the JVM) instead of failing every
 * attempt. A marker per file in flight ({@code STATE/reader/parsing/FILE_ID}, holding the path) is
 * removed once the file is parsed, so markers left behind name the suspects of a crashed attempt. The
 * next attempt first parses each suspect alone ({@code alone/}); a suspect that crashes again while alone
 * is the culprit ({@code crashed/}, kept by content hash) and later attempts reject it with
 * {@link Reason#READER_CRASHED} so the run publishes without it. A suspect that parses alone is cleared.
 * Markers are local files: they name culprits when the executors run in this JVM ({@code local[*]}).
 */
public final class ReaderCrashes {
    static final String DIR = "reader";
    private static final String PARSING = "parsing";
    private static final String ALONE = "alone";
    private static final String CRASHED = "crashed";

    private final Path dir;

    ReaderCrashes(Path stateDir) {
        this.dir = stateDir.resolve(DIR);
        // A file that crashed while parsed alone is the culprit, for good (a fixed file has a new hash).
        for (Map.Entry<String, String> alone : markers(dir.resolve(ALONE)).entrySet()) {
            mark(dir.resolve(CRASHED), alone.getKey(), alone.getValue());
            unmark(dir.resolve(ALONE), alone.getKey());
        }
    }

    /** Export paths (as staged) the reader crashed on, by file id. */
    public static Map<String, String> culprits(Path stateDir) {
        return markers(stateDir.resolve(DIR).resolve(CRASHED));
    }

    /**
     * Parses each suspect of a crashed attempt alone, one at a time, before the others: if it crashes the
     * JVM again, its {@code alone} marker stays and names it.
     */
    void parseSuspectsAlone(SparkSession spark, List<Row> tasks, StructType schema, Broadcast<RowChecker> checker) {
        Map<String, String> suspects = markers(dir.resolve(PARSING));
        Map<String, String> culprits = markers(dir.resolve(CRASHED));
        for (Row task : tasks) {
            String fileId = task.getString(0);
            if (suspects.containsKey(fileId) && !culprits.containsKey(fileId)) {
                FileParser alone = new FileParser(checker, spark.sparkContext().longAccumulator(),
                        spark.sparkContext().longAccumulator());
                spark.createDataFrame(List.of(task), schema)
                        .flatMap(new ContentFreeFailures(guard(alone, ALONE)), Encoders.row(StagedSchema.PARSED)).count();
            }
        }
        // Every suspect of the crashed attempt is either cleared or named by now.
        markers(dir.resolve(PARSING)).keySet().forEach(id -> unmark(dir.resolve(PARSING), id));
    }

    /** The parser, rejecting culprits and marking each file while it is parsed. */
    FlatMapFunction<Row, Row> guard(FileParser parser) {
        return guard(parser, PARSING);
    }

    private FlatMapFunction<Row, Row> guard(FileParser parser, String state) {
        String markers = dir.resolve(state).toString();
        String crashed = dir.resolve(CRASHED).toString();
        return task -> {
            String fileId = task.getString(0);
            if (Files.exists(Path.of(crashed, fileId))) {
                return List.of(StagedSchema.fileRow(fileId, null, null, null, Reason.READER_CRASHED, "", 0)).iterator();
            }
            mark(Path.of(markers), fileId, task.getString(1));
            Iterator<Row> rows = parser.call(task); // the whole file is parsed by now
            unmark(Path.of(markers), fileId);
            return rows;
        };
    }

    private static void mark(Path folder, String fileId, String path) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(fileId), path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reader marker in " + folder, e);
        }
    }

    private static void unmark(Path folder, String fileId) {
        try {
            Files.deleteIfExists(folder.resolve(fileId));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the reader marker in " + folder, e);
        }
    }

    private static Map<String, String> markers(Path folder) {
        Map<String, String> markers = new TreeMap<>();
        if (!Files.isDirectory(folder)) {
            return markers;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                markers.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reader markers in " + folder, e);
        }
        return markers;
    }
}
