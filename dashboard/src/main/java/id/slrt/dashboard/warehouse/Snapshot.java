package id.slrt.dashboard.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One published, immutable state of the warehouse: {@code WAREHOUSE/<name>/<table>/*.parquet}.
 *
 * @param name folder name as written in {@code CURRENT}, e.g. {@code snapshot-20261124T141500123Z}
 * @param dir  the snapshot folder
 */
public record Snapshot(String name, Path dir) {

    // The ETL names snapshots after their UTC publication time; other names are still accepted.
    private static final Pattern TIMESTAMPED = Pattern.compile("snapshot-(\\d{8}T\\d{6})(\\d{3})?Z");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss");

    /** When the ETL published this snapshot, if its name carries the time. */
    public Optional<ZonedDateTime> publishedAt() {
        Matcher m = TIMESTAMPED.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(m.group(1), STAMP).atZone(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The glob DuckDB reads for one table, or empty when the table folder has no Parquet file.
     * DuckDB fails on a glob that matches nothing, and Spark-style folders also hold {@code _SUCCESS}
     * and {@code .crc} files, hence the explicit {@code *.parquet}.
     */
    public Optional<String> parquetGlob(String table) {
        Path tableDir = dir.resolve(table);
        if (!Files.isDirectory(tableDir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(tableDir)) {
            boolean any = files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
            return any ? Optional.of(tableDir.resolve("*.parquet").toString()) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + tableDir, e);
        }
    }
}
