package id.slrt.etl.ledger;

import id.slrt.etl.facts.Previous;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.function.Function;

/**
 * The staged rows a run builds from, and what changed since the previous snapshot. Rows are the staged
 * rows of visits and referrals with their ledger entry's {@code path}, {@code seq} and {@code folder_hint}.
 *
 * @param previous        the snapshot and facts the run starts from; null when every partition is dirty
 *                        (the first run, a forced one, or facts missing or built under other settings)
 * @param ledger          the ledger's entries (path, size, modified, file_id, seq, folder_hint, batch)
 * @param live            the rows of every ledger entry
 * @param changed         the rows of entries added since the previous snapshot ({@code live} true) and of
 *                        entries gone from it ({@code live} false): a file is an entry by path and content,
 *                        so a corrected re-export is one of each. In a full run, every live row.
 * @param addedFiles      the file rows (kind F, line 0) of the added entries, with the entry's columns
 * @param folderDistricts {@link FolderDistricts#of}
 * @param liveIn          the rows of the given ledger paths only, reading only the batches holding them:
 *                        a step that found which files it needs by a scan of a few columns of {@code live}
 *                        reads every column of those files alone
 */
public record Changes(Previous previous, Dataset<Row> ledger, Dataset<Row> live, Dataset<Row> changed,
                      Dataset<Row> addedFiles, Dataset<Row> folderDistricts,
                      Function<Dataset<Row>, Dataset<Row>> liveIn) {
    /** Every partition dirty: a full run, the same code as an incremental one. */
    public boolean full() {
        return previous == null;
    }

    /** The rows of the files listed ({@code path}) in {@code paths}. */
    public Dataset<Row> liveIn(Dataset<Row> paths) {
        return liveIn.apply(paths);
    }
}
