package id.slrt.dashboard.filters;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the filters can be set to in one snapshot: the months with visits and the regions with data.
 *
 * @param first     first month with visits; null when there are none
 * @param last      last month with visits; null when there are none
 * @param provinces provinces with visits, by code
 * @param districts districts with visits, by code
 */
public record FilterOptions(YearMonth first, YearMonth last, List<Region> provinces, List<Region> districts) {

    public static final FilterOptions EMPTY = new FilterOptions(null, null, List.of(), List.of());

    public boolean hasData() {
        return last != null;
    }

    public List<Region> districtsOf(String province) {
        return province == null ? districts
                : districts.stream().filter(d -> d.provinceCode().equals(province)).toList();
    }

    /** A province or district by code; regions without data are unknown here. */
    public Optional<Region> region(String code) {
        return Optional.ofNullable(byCode().get(code));
    }

    /** The label of a code, or the code itself. */
    public String label(String code) {
        return region(code).map(Region::label).orElse(code);
    }

    private Map<String, Region> byCode() {
        return java.util.stream.Stream.concat(provinces.stream(), districts.stream())
                .collect(Collectors.toMap(Region::code, Function.identity(), (a, b) -> a));
    }

    /**
     * The filters with their gaps filled: the period ends at the last month with data and spans twelve
     * months unless the URL says otherwise; a reversed period is turned round.
     */
    public Filters complete(Filters filters) {
        if (!hasData()) {
            return filters;
        }
        YearMonth to = filters.to() != null ? filters.to() : last;
        YearMonth from = filters.from() != null ? filters.from() : to.minusMonths(11);
        if (from.isAfter(to)) {
            YearMonth swap = from;
            from = to;
            to = swap;
        }
        return filters.withPeriod(from, to);
    }
}
