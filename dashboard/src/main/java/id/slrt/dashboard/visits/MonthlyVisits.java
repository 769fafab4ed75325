package id.slrt.dashboard.visits;

import java.time.Month;
import java.util.List;
import java.util.Optional;

/**
 * Visits of one district in one year, all programmes together.
 *
 * @param byMonth twelve totals, January first; a month without rows counts 0
 */
public record MonthlyVisits(String districtCode, int year, List<Long> byMonth) {

    public MonthlyVisits {
        if (byMonth.size() != 12) {
            throw new IllegalArgumentException("need 12 months, got " + byMonth.size());
        }
        byMonth = List.copyOf(byMonth);
    }

    public long total() {
        return byMonth.stream().mapToLong(Long::longValue).sum();
    }

    public boolean isEmpty() {
        return total() == 0;
    }

    /** The month with the most visits; on a tie the earlier month, as a report would name it. */
    public Optional<Month> peakMonth() {
        if (isEmpty()) {
            return Optional.empty();
        }
        int best = 0;
        for (int i = 1; i < 12; i++) {
            if (byMonth.get(i) > byMonth.get(best)) {
                best = i;
            }
        }
        return Optional.of(Month.of(best + 1));
    }

    public long visitsIn(Month month) {
        return byMonth.get(month.getValue() - 1);
    }
}
