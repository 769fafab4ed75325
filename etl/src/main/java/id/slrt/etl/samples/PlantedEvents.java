package id.slrt.etl.samples;

import id.slrt.etl.regions.Region;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Known events the generator plants on top of the calibrated sample, so that an early-warning method can
 * be tested against answers known in advance (docs/sample-data.md lists them). Seeded: the same options
 * give the same events. Planted in the last year of the sample, in four different districts of more than
 * the median size running SLRT since two years before it at least (so a change can be told from chance),
 * never Sleman or Bantul (whose published facts stay exact):
 *
 * <ul>
 *   <li>{@link Kind#FLOOD}: one month of three times the visits (a flood and its aftermath);</li>
 *   <li>{@link Kind#DESK_CLOSED}: two months of a fifth of the visits (the desk closed for renovation);</li>
 *   <li>{@link Kind#STOPPED_EXPORTING}: no exports from one month to the end of the sample;</li>
 *   <li>{@link Kind#PROGRAMME_RISE}: KIS visits rise month by month to three and a half times their usual
 *       level by December (the district's own health-insurance scheme advertised at the desks).</li>
 * </ul>
 *
 * <p>None when the sample has fewer than three years: a baseline needs two earlier years.
 */
public final class PlantedEvents {

    public enum Kind { FLOOD, DESK_CLOSED, STOPPED_EXPORTING, PROGRAMME_RISE }

    /** The programme that rises. */
    public static final String RISING_PROGRAMME = "KIS";

    /**
     * @param programme the programme that rises ({@link Kind#PROGRAMME_RISE}), else null
     * @param to        the last month of the event (inclusive)
     */
    public record Event(Kind kind, String district, YearMonth from, YearMonth to, String programme) {

        public boolean covers(YearMonth month) {
            return !month.isBefore(from) && !month.isAfter(to);
        }

        /** How many times its usual visits the district has in a month (0 when it sends nothing). */
        double visitFactor(YearMonth month) {
            if (!covers(month)) {
                return 1;
            }
            return switch (kind) {
                case FLOOD -> 3;
                case DESK_CLOSED -> 0.2;
                case STOPPED_EXPORTING -> 0;
                case PROGRAMME_RISE -> 1;
            };
        }

        /** How many times its usual weight the rising programme has in a month. */
        double programmeFactor(YearMonth month) {
            return kind == Kind.PROGRAMME_RISE && covers(month)
                    ? 1 + 2.5 * (month.getMonthValue() - from.getMonthValue() + 1) / (to.getMonthValue() - from.getMonthValue() + 1)
                    : 1;
        }
    }

    private final List<Event> events;

    PlantedEvents(RollOut rollOut, long seed, int fromYear, int toYear, java.util.function.ToDoubleFunction<String> size) {
        this.events = plan(rollOut, seed, fromYear, toYear, size);
    }

    public List<Event> events() {
        return events;
    }

    double visitFactor(String district, YearMonth month) {
        double factor = 1;
        for (Event e : events) {
            if (e.district().equals(district)) {
                factor *= e.visitFactor(month);
            }
        }
        return factor;
    }

    double programmeFactor(String district, String programme, YearMonth month) {
        double factor = 1;
        for (Event e : events) {
            if (e.district().equals(district) && programme.equals(e.programme())) {
                factor *= e.programmeFactor(month);
            }
        }
        return factor;
    }

    private static List<Event> plan(RollOut rollOut, long seed, int fromYear, int toYear,
                                    java.util.function.ToDoubleFunction<String> size) {
        if (toYear - fromYear < 2) {
            return List.of();
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0xE7E27L);
        // Districts running SLRT since two years before at least: a baseline from both earlier years.
        List<Region> candidates = new ArrayList<>(rollOut.active(toYear - 2).stream()
                .filter(d -> !SampleGenerator.isShowcase(d.code()) && size.applyAsDouble(d.code()) > 1.2).toList());
        List<Event> planned = new ArrayList<>();
        Kind[] kinds = Kind.values();
        for (Kind kind : kinds) {
            Region district = candidates.remove(random.nextInt(candidates.size()));
            YearMonth from = YearMonth.of(toYear, 2 + random.nextInt(8));
            YearMonth to = switch (kind) {
                case FLOOD -> from;
                case DESK_CLOSED -> from.plusMonths(1);
                case STOPPED_EXPORTING, PROGRAMME_RISE -> YearMonth.of(toYear, 12);
            };
            if (kind == Kind.PROGRAMME_RISE) {
                from = YearMonth.of(toYear, 1);
            }
            planned.add(new Event(kind, district.code(), from, to, kind == Kind.PROGRAMME_RISE ? RISING_PROGRAMME : null));
        }
        return List.copyOf(planned);
    }
}
