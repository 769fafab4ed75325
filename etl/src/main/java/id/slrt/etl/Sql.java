package id.slrt.etl;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ETL's one way to run Spark SQL: a template names its inputs as {@code {name}}, and each is given
 * as a Dataset. A step therefore says what it reads, and cannot silently read a view some earlier step
 * registered (or failed to). Inputs are registered under unique names only while the query is analysed.
 * Literal values (a number of days, a list of months) are {@code {name}} too, given with {@link #value}.
 */
public final class Sql {
    private static final AtomicLong NEXT = new AtomicLong();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_0-9]+)}");

    private final SparkSession spark;
    private final Map<String, Dataset<Row>> inputs = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    private Sql(SparkSession spark) {
        this.spark = spark;
    }

    public static Sql over(SparkSession spark) {
        return new Sql(spark);
    }

    /** An input the template reads as {@code {name}}. */
    public Sql with(String name, Dataset<Row> input) {
        inputs.put(name, input);
        return this;
    }

    /** A literal the template reads as {@code {name}} (numbers, or SQL the ETL itself wrote). */
    public Sql value(String name, Object literal) {
        values.put(name, String.valueOf(literal));
        return this;
    }

    /**
     * A small result (per file, per dirty month) held as data rather than as a plan: a persisted Dataset
     * built on a cached one is dropped when that one is released (Spark clears the caches that depend on
     * it) and computed again, ranking and all, by its next reader.
     */
    public static Dataset<Row> held(Dataset<Row> small) {
        return small.sparkSession().createDataFrame(small.collectAsList(), small.schema());
    }

    public Dataset<Row> query(String template) {
        List<String> registered = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        String text = template;
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("{" + v.getKey() + "}", v.getValue()); // a value may name inputs in turn
        }
        Matcher m = PLACEHOLDER.matcher(text);
        Map<String, String> views = new LinkedHashMap<>();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (inputs.containsKey(name)) {
                replacement = views.computeIfAbsent(name, n -> {
                    String view = "slrt_" + n + "_" + NEXT.incrementAndGet();
                    inputs.get(n).createOrReplaceTempView(view);
                    registered.add(view);
                    return view;
                });
            } else {
                throw new IllegalArgumentException("SQL template reads {" + name + "}, which it was not given");
            }
            m.appendReplacement(sql, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sql);
        try {
            return spark.sql(sql.toString());
        } finally {
            // The analysed plan holds the inputs themselves: the names are no longer needed. Not through
            // spark.catalog(), which would also uncache an input that was persisted.
            registered.forEach(v -> spark.sessionState().catalog().dropTempView(v));
        }
    }
}
