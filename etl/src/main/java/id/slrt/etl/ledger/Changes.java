package id.slrt.etl.ledger;

import id.slrt.etl.facts.Previous;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

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
 */
public record Changes(Previous previous, Dataset<Row> ledger, Dataset<Row> live, Dataset<Row> changed,
                      Dataset<Row> addedFiles, Dataset<Row> folderDistricts) {
    /** Every partition dirty: a full run, the same code as an incremental one. */
    public boolean full() {
        return previous == null;
    }
}
