package id.slrt.dashboard.warehouse;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the ETL publishes its snapshots ({@code slrt.warehouse} in application.yml), and how much of
 * the machine the in-process DuckDB may use ({@code slrt.duckdb}).
 *
 * @param warehouse folder holding {@code CURRENT} and the {@code snapshot-*} folders; a relative path
 *                  is taken from the working directory, which is the repository root under
 *                  {@code ./slrt start}
 * @param duckdb    DuckDB's limits
 */
@ConfigurationProperties(prefix = "slrt")
public record WarehouseProperties(@DefaultValue("data/warehouse") Path warehouse, @DefaultValue DuckDb duckdb) {

    @ConstructorBinding
    public WarehouseProperties {
        if (duckdb == null) {
            duckdb = new DuckDb(DuckDb.DEFAULT_MEMORY_LIMIT, 0);
        }
    }

    /** The warehouse folder with DuckDB's default limits (tools and tests). */
    public WarehouseProperties(Path warehouse) {
        this(warehouse, null);
    }

    /**
     * @param memoryLimit DuckDB's {@code memory_limit} (e.g. {@code 1GB}, {@code 512MB}): the loaded
     *                    snapshot tables and every query's working memory together; a query that needs
     *                    more fails instead of taking the server's memory
     * @param threads     DuckDB's worker threads; 0 = one per processor
     */
    public record DuckDb(@DefaultValue(DEFAULT_MEMORY_LIMIT) String memoryLimit, @DefaultValue("0") int threads) {
        public static final String DEFAULT_MEMORY_LIMIT = "1GB";

        public DuckDb {
            // Bounded here, because the value is written into a SET statement (see Warehouse.openDuckDb).
            if (memoryLimit == null || !memoryLimit.strip().matches("(?i)\\d{1,6}(\\.\\d{1,3})?\\s?(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)")) {
                throw new IllegalArgumentException("slrt.duckdb.memory-limit: '" + memoryLimit
                        + "' is no size; give e.g. 1GB or 512MB");
            }
            if (threads < 0 || threads > 1024) {
                throw new IllegalArgumentException("slrt.duckdb.threads: " + threads + "; give 0 (one per processor) to 1024");
            }
        }
    }
}
