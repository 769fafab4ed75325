package id.slrt.dashboard.filters;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.vaadin.flow.router.QueryParameters;

/**
 * What every screen is filtered by, kept in the URL so that a link or a reload shows the same numbers:
 * {@code ?dari=2018-01&sampai=2018-12&provinsi=34&kabupaten=3404&program=KIS}. Each part may be absent
 * (then: the latest twelve months with data, all regions, all programmes).
 *
 * @param from      first month of the period, inclusive
 * @param to        last month of the period, inclusive
 * @param province  2-digit province code
 * @param district  4-digit district code (implies its province)
 * @param programme programme code, e.g. KIS
 */
public record Filters(YearMonth from, YearMonth to, String province, String district, String programme) {

    public static final String FROM = "dari";
    public static final String TO = "sampai";
    public static final String PROVINCE = "provinsi";
    public static final String DISTRICT = "kabupaten";
    public static final String PROGRAMME = "program";

    public static final List<String> PROGRAMMES = List.of("PKH", "BPNT", "KIS", "KIP", "RASTRA", "KUBE", "RTLH",
            "ATENSI", "SKTM", "ADMINDUK", "APBD", "INFORMASI", "LAINNYA");

    public static final Filters NONE = new Filters(null, null, null, null, null);

    /** Reads the URL; a value that does not parse is dropped (the screen then shows the default). */
    public static Filters of(QueryParameters query) {
        YearMonth from = month(query, FROM);
        YearMonth to = month(query, TO);
        String district = code(query, DISTRICT, 4);
        String province = district != null ? district.substring(0, 2) : code(query, PROVINCE, 2);
        String programme = query.getSingleParameter(PROGRAMME).map(String::strip)
                .filter(PROGRAMMES::contains).orElse(null);
        return new Filters(from, to, province, district, programme);
    }

    private static YearMonth month(QueryParameters query, String name) {
        try {
            return query.getSingleParameter(name).map(s -> YearMonth.parse(s.strip())).orElse(null);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String code(QueryParameters query, String name, int digits) {
        return query.getSingleParameter(name).map(String::strip)
                .filter(s -> s.length() == digits && s.chars().allMatch(Character::isDigit)).orElse(null);
    }

    public QueryParameters toQuery() {
        Map<String, String> params = new LinkedHashMap<>();
        Optional.ofNullable(from).ifPresent(m -> params.put(FROM, m.toString()));
        Optional.ofNullable(to).ifPresent(m -> params.put(TO, m.toString()));
        if (district != null) {
            params.put(DISTRICT, district);
        } else if (province != null) {
            params.put(PROVINCE, province);
        }
        Optional.ofNullable(programme).ifPresent(p -> params.put(PROGRAMME, p));
        return QueryParameters.simple(params);
    }

    public boolean isComplete() {
        return from != null && to != null;
    }

    public Filters withPeriod(YearMonth newFrom, YearMonth newTo) {
        return new Filters(newFrom, newTo, province, district, programme);
    }

    /** A province clears the district unless the district is in it. */
    public Filters withProvince(String code) {
        boolean keep = district != null && code != null && district.startsWith(code);
        return new Filters(from, to, code, keep ? district : null, programme);
    }

    public Filters withDistrict(String code) {
        return new Filters(from, to, code == null ? province : code.substring(0, 2), code, programme);
    }

    public Filters withProgramme(String code) {
        return new Filters(from, to, province, district, code);
    }

    /** The same months a year earlier, for the change on last year. */
    public Filters yearEarlier() {
        return withPeriod(from.minusYears(1), to.minusYears(1));
    }

    // WHY no SQL here: warehouse.ScopedQuery writes the conditions of these filters ({period}, {region},
    // {programme}), the one place that templates SQL.
}
