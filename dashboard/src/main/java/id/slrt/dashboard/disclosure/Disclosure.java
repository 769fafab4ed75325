package id.slrt.dashboard.disclosure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import id.slrt.dashboard.security.RegionScope;

/**
 * The disclosure policy, in one place, for every answer that leaves the server (screens, API, report
 * files, mail): no count of 1 to {@code threshold - 1} people is shown, and none can be worked out from
 * the same answer.
 *
 * <p>An answer builds a {@link Table}: its counts ({@link Table#count}), the sums among them
 * ({@link Table#sum}: a total and its parts) and the measures computed from them ({@link Table#measure}:
 * rates, shares, changes, medians). {@link Table#disclose} then hides
 *
 * <ol>
 *   <li>every count from 1 to threshold - 1 ({@link #small()}, "&lt;5");</li>
 *   <li>complementary cells ({@link #HIDDEN}, "x"): while a sum has exactly one hidden cell, its smallest
 *       shown non-zero part (else its total) is hidden too, so total - sum(shown parts) never gives a
 *       hidden count back;</li>
 *   <li>every measure over a hidden count (referred 5, completed "&lt;5": no completion rate), so rate
 *       times denominator never gives one back.</li>
 * </ol>
 *
 * <p>Representation everywhere: a hidden count is the text "&lt;5" (or "x" for a complementary one) in
 * place of the number, in JSON as well as CSV, XLSX, PDF, mail and on screen; a hidden measure is
 * absent (JSON null, an empty cell, "–" on screen). Roles in {@code slrt.disclosure.exempt-roles} see
 * every number.
 *
 * <p>Limits, said so in docs/security.md: it protects one answer; two answers (a province and all but one
 * of its districts) can still be subtracted, and a system of several sums could in principle be solved.
 */
@Component
public class Disclosure {

    /** A count hidden only so that a small one cannot be worked out from a total. */
    public static final String HIDDEN = "x";

    private final int threshold;
    private final Set<String> exemptRoles;

    public Disclosure(DisclosureProperties properties) {
        this.threshold = properties.threshold();
        this.exemptRoles = Set.copyOf(properties.exemptRoles());
    }

    /** The default policy (threshold 5, nobody exempt), e.g. for tests without Spring. */
    public static Disclosure standard() {
        return new Disclosure(new DisclosureProperties(5, List.of()));
    }

    public int threshold() {
        return threshold;
    }

    /** "&lt;5": what a small count reads. */
    public String small() {
        return "<" + threshold;
    }

    /** Whether a count is too small to show (zero is shown: no one is in it). */
    public boolean isSmall(long count) {
        return count > 0 && count < threshold;
    }

    /** Whether the signed-in user (or the mail subscriber) sees every number. */
    public boolean exempt() {
        String role = RegionScope.current().role();
        return role != null && exemptRoles.contains(role);
    }

    /** A new answer, for the current user. */
    public Table table() {
        return new Table(exempt());
    }

    /** One count of an answer. */
    public final class Count {

        private final long value;
        private String hiddenAs;

        private Count(long value) {
            this.value = value;
        }

        public long value() {
            return value;
        }

        public boolean hidden() {
            return hiddenAs != null;
        }

        /** The number, or "&lt;5" or "x" in its place. */
        public Object shown() {
            return hiddenAs != null ? hiddenAs : (Object) value;
        }

        /** The number formatted, or "&lt;5" or "x". */
        public String text(java.util.function.LongFunction<String> format) {
            return hiddenAs != null ? hiddenAs : format.apply(value);
        }
    }

    /** A value computed from counts (a rate, a change, a median of their days). */
    public static final class Measure {

        private final Double value;
        private final List<Count> over;

        private Measure(Double value, List<Count> over) {
            this.value = value;
            this.over = over;
        }

        /** The value, or null when it is missing or any count it is computed from is hidden. */
        public Double shown() {
            return value == null || over.stream().anyMatch(Count::hidden) ? null : value;
        }
    }

    /** The counts, sums and measures of one answer. */
    public final class Table {

        private final boolean exempt;
        private final List<Count> counts = new ArrayList<>();
        private final List<List<Count>> sums = new ArrayList<>();
        private boolean disclosed;

        private Table(boolean exempt) {
            this.exempt = exempt;
        }

        public Count count(long value) {
            Count count = new Count(value);
            counts.add(count);
            return count;
        }

        /** A value computed from these counts; hidden with any of them. */
        public Measure measure(Double value, Count... over) {
            return new Measure(value, List.of(over));
        }

        /** {@code total} = the sum of {@code parts} (a row total, a column total, referred = completed + ...). */
        public Table sum(Count total, Collection<Count> parts) {
            List<Count> cells = new ArrayList<>(parts.size() + 1);
            cells.add(total);
            cells.addAll(parts);
            sums.add(cells);
            return this;
        }

        /** Applies the policy: after this, every count and measure shows only what may be shown. */
        public Table disclose() {
            if (disclosed || exempt) {
                disclosed = true;
                return this;
            }
            disclosed = true;
            for (Count count : counts) {
                if (isSmall(count.value)) {
                    count.hiddenAs = small();
                }
            }
            boolean changed = true;
            while (changed) {
                changed = false;
                for (List<Count> sum : sums) {
                    if (sum.size() > 1 && sum.stream().filter(Count::hidden).count() == 1) {
                        complement(sum).hiddenAs = HIDDEN;
                        changed = true;
                    }
                }
            }
            return this;
        }

        /** The cell to hide beside a sum's one hidden cell: its smallest shown non-zero part, else the total. */
        private Count complement(List<Count> sum) {
            Optional<Count> part = sum.subList(1, sum.size()).stream()
                    .filter(c -> !c.hidden() && c.value != 0)
                    .min(Comparator.comparingLong(c -> c.value));
            // A total can only be the one hidden cell when its shown parts are all zero: hide a zero then.
            return part.or(() -> Optional.of(sum.getFirst()).filter(c -> !c.hidden()))
                    .or(() -> sum.subList(1, sum.size()).stream().filter(c -> !c.hidden()).findFirst())
                    .orElseThrow();
        }
    }
}
