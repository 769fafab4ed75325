package id.slrt.etl.staging;

import id.slrt.etl.ingest.CsvRecordReader.CsvRecord;
import id.slrt.etl.ingest.ExportKind;
import id.slrt.etl.ingest.ExportReader;
import id.slrt.etl.ingest.FileRejected;
import id.slrt.etl.ingest.ReadLimits;
import id.slrt.etl.ingest.Reason;
import id.slrt.etl.ingest.RowChecker;
import id.slrt.etl.ingest.StagedRow;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Runs on a Spark executor: one export file (file_id, path) in, its staged rows out, plus one 'F' row
 * describing the file (or why it was rejected). Every record of the file yields exactly one row.
 */
final class FileParser implements FlatMapFunction<Row, Row> {
    private static final long serialVersionUID = 1L;
    private final Broadcast<RowChecker> checker;
    private final LongAccumulator filesParsed;
    private final LongAccumulator rowsParsed;

    /** The accumulators count for progress: the driver sees them grow as tasks finish. */
    FileParser(Broadcast<RowChecker> checker, LongAccumulator filesParsed, LongAccumulator rowsParsed) {
        this.checker = checker;
        this.filesParsed = filesParsed;
        this.rowsParsed = rowsParsed;
    }

    /**
     * The file id is the ledger's content hash: the reader checks that the bytes it parses are those
     * bytes. Rows are made as Spark asks for them, so a big file's records are not held twice.
     */
    @Override
    public Iterator<Row> call(Row task) {
        String fileId = task.getString(0);
        Path path = Path.of(task.getString(1));
        ExportReader.Export export;
        try {
            export = ExportReader.read(path, fileId, ReadLimits.DEFAULTS);
        } catch (FileRejected e) {
            filesParsed.add(1);
            return List.of(StagedSchema.fileRow(fileId, null, null, null, e.reason(), e.detail(), 0)).iterator();
        } catch (RuntimeException e) {
            // A reader bug on a strange file must not fail the task, and so the run: the file is
            // rejected, named by the exception's class only (a message may quote the file).
            filesParsed.add(1);
            return List.of(StagedSchema.fileRow(fileId, null, null, null, Reason.UNREADABLE_FILE,
                    "reader failed (" + e.getClass().getSimpleName() + ")", 0)).iterator();
        }
        boolean xlsx = "xlsx".equals(export.encoding());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < export.header().size(); i++) {
            index.putIfAbsent(export.header().get(i), i);
        }
        int width = export.header().size();
        List<CsvRecord> records = export.records();
        return new Iterator<>() {
            private int r;

            @Override
            public boolean hasNext() {
                return r <= records.size();
            }

            @Override
            public Row next() {
                if (r == records.size()) {
                    r++;
                    filesParsed.add(1);
                    rowsParsed.add(records.size());
                    return StagedSchema.fileRow(fileId, export.kind().name(), export.encoding(), export.delimiter(),
                            null, null, records.size());
                }
                if (r > records.size()) {
                    throw new NoSuchElementException();
                }
                CsvRecord record = records.get(r);
                boolean last = r == records.size() - 1;
                records.set(r++, null); // parsed once: let it go
                StagedRow row = structuralProblem(record, width, xlsx, last && !export.endsWithNewline(), export.kind());
                if (row == null) {
                    List<String> fields = record.fields();
                    RowChecker.Values values = column -> {
                        Integer i = index.get(column);
                        return i == null || i >= fields.size() ? "" : fields.get(i);
                    };
                    row = export.kind() == ExportKind.VISITS ? checker.value().visit(values, xlsx)
                            : checker.value().referral(values, xlsx);
                }
                return StagedSchema.row(fileId, record.line(), row, row.reason == null ? null : record.raw());
            }
        };
    }

    private static StagedRow structuralProblem(CsvRecord record, int width, boolean xlsx, boolean unterminatedLast,
                                               ExportKind kind) {
        String rowKind = kind == ExportKind.VISITS ? StagedRow.VISIT : StagedRow.REFERRAL;
        if (record.problem() != null) {
            return rejected(rowKind, Reason.valueOf(record.problem()), null);
        }
        int n = record.fields().size();
        if (n < width && !xlsx) {
            return rejected(rowKind, unterminatedLast ? Reason.TRUNCATED_ROW : Reason.WRONG_FIELD_COUNT, null);
        }
        if (n > width && record.fields().subList(width, n).stream().anyMatch(f -> !f.isBlank())) {
            return rejected(rowKind, Reason.WRONG_FIELD_COUNT, null);
        }
        return null;
    }

    private static StagedRow rejected(String kind, Reason reason, String field) {
        StagedRow row = new StagedRow(kind);
        row.reason = reason;
        row.field = field;
        return row;
    }
}
