package id.slrt.dashboard.annotations;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Optional;

/**
 * An event recorded by a user that explains numbers: a disaster, a policy change, a new Puskesos, an
 * export outage. For one region ({@code ""} the nation, a province's 2 digits or a district's 4) and the
 * months from {@code from} to {@code to}.
 */
public record Annotation(long id, String region, YearMonth from, YearMonth to, Kind kind, String text, String author,
                         Instant created) {

    public enum Kind {
        DISASTER, POLICY, NEW_PUSKESOS, EXPORT_OUTAGE, OTHER;

        /** The code in URLs, the API and the database: {@code disaster}, {@code new_puskesos}, ... */
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Kind> of(String code) {
            for (Kind k : values()) {
                if (k.code().equals(code)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    public boolean covers(YearMonth month) {
        return !month.isBefore(from) && !month.isAfter(to);
    }

    /** Overlaps the months from {@code first} to {@code last} (either null: open). */
    public boolean overlaps(YearMonth first, YearMonth last) {
        return (last == null || !from.isAfter(last)) && (first == null || !to.isBefore(first));
    }

    /** Said of {@code code}'s numbers: the region itself or a region that contains it (the nation, its province). */
    public boolean explains(String code) {
        return code.startsWith(region);
    }
}
