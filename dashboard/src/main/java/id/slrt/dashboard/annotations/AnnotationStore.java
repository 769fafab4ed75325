package id.slrt.dashboard.annotations;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The annotations table (db/annotations.sql) in the dashboard's own database (spring.datasource.*), never
 * the warehouse. No scope here: only {@link AnnotationsService} uses it, and it checks the user's region
 * first (ArchitectureTest keeps it so).
 */
@Repository
class AnnotationStore {

    private static final String COLUMNS = "id, region_code, from_month, to_month, kind, note, created_by, created_at";

    private final JdbcClient jdbc;

    AnnotationStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long add(String region, YearMonth from, YearMonth to, Annotation.Kind kind, String text, String author, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO annotations (region_code, from_month, to_month, kind, note, created_by, created_at)"
                        + " VALUES (:region, :from, :to, :kind, :note, :author, :at)")
                .param("region", region).param("from", from.toString()).param("to", to.toString())
                .param("kind", kind.code()).param("note", text).param("author", author)
                .param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update(key, "id");
        return key.getKeyAs(Number.class).longValue();
    }

    /**
     * The annotations not deleted of the regions in {@code exactly} and of every region whose code starts
     * with {@code within} (null: none), oldest month first.
     */
    List<Annotation> find(List<String> exactly, String within) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM annotations WHERE deleted_at IS NULL"
                        + " AND (region_code IN (:exactly) OR region_code LIKE :within)"
                        + " ORDER BY from_month, to_month, id")
                .param("exactly", exactly.isEmpty() ? List.of("-") : exactly)
                // A code is digits only: no LIKE wildcard can come from it.
                .param("within", within == null ? "-" : within + "%")
                .query(AnnotationStore::annotation).list();
    }

    Optional<Annotation> get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM annotations WHERE deleted_at IS NULL AND id = :id")
                .param("id", id).query(AnnotationStore::annotation).optional();
    }

    int countActive(String region) {
        return jdbc.sql("SELECT count(*) FROM annotations WHERE deleted_at IS NULL AND region_code = :region")
                .param("region", region).query(Integer.class).single();
    }

    boolean delete(long id, String by, Instant at) {
        return jdbc.sql("UPDATE annotations SET deleted_by = :by, deleted_at = :at WHERE id = :id AND deleted_at IS NULL")
                .param("by", by).param("at", OffsetDateTime.ofInstant(at, ZoneOffset.UTC)).param("id", id).update() == 1;
    }

    private static Annotation annotation(ResultSet rs, int row) throws SQLException {
        return new Annotation(rs.getLong(1), rs.getString(2), YearMonth.parse(rs.getString(3).strip()),
                YearMonth.parse(rs.getString(4).strip()),
                Annotation.Kind.of(rs.getString(5)).orElse(Annotation.Kind.OTHER), rs.getString(6), rs.getString(7),
                rs.getObject(8, OffsetDateTime.class).toInstant());
    }
}
