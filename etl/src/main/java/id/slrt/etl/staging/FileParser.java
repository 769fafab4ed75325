package id.slrt.etl.staging;

import id.slrt.etl.ingest.CsvRecordReader.CsvRecord;
import id.slrt.etl.ingest.ExportKind;
import id.slrt.etl.ingest.ExportReader;
import id.slrt.etl.ingest.FileRejected;
import id.slrt.etl.ingest.Reason;
import id.slrt.etl.ingest.RowChecker;
import id.slrt.etl.ingest.StagedRow;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.LongAccumulator;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

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

    @Override
    public Iterator<Row> call(Row task) {
        String fileId = task.getString(0);
        Path path = Path.of(task.getString(1));
        List<Row> out = new ArrayList<>();
        ExportReader.Export export;
        try {
            export = ExportReader.read(path);
        } catch (FileRejected e) {
            out.add(StagedSchema.fileRow(fileId, null, null, null, e.reason(), e.detail(), 0));
            filesParsed.add(1);
            return out.iterator();
        }
        boolean xlsx = "xlsx".equals(export.encoding());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < export.header().size(); i++) {
            index.putIfAbsent(export.header().get(i), i);
        }
        int width = export.header().size();
        List<CsvRecord> records = export.records();
        for (int r = 0; r < records.size(); r++) {
            CsvRecord record = records.get(r);
            boolean last = r == records.size() - 1;
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
            out.add(StagedSchema.row(fileId, record.line(), row, row.reason == null ? null : record.raw()));
        }
        out.add(StagedSchema.fileRow(fileId, export.kind().name(), export.encoding(), export.delimiter(), null, null,
                records.size()));
        filesParsed.add(1);
        rowsParsed.add(records.size());
        return out.iterator();
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
