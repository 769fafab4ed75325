package id.slrt.dashboard.api;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import id.slrt.dashboard.filters.Filters;

/**
 * The API's query parameters, checked strictly (a wrong one is a 400 with a message, never ignored):
 * {@code district} (4 digits) or {@code province} (2 digits), {@code year} or {@code from}/{@code to}
 * (yyyy-MM), {@code programme}, {@code format} (json or csv).
 */
final class ApiParameters {

    private ApiParameters() {
    }

    static Filters filters(String district, String province, Integer year, String from, String to, String programme) {
        checkRegionAndProgramme(district, province, programme);
        check(year == null || (year >= 2000 && year <= 2100), "year must be between 2000 and 2100");
        check(year == null || (from == null && to == null), "give year or from/to, not both");
        YearMonth first = year != null ? YearMonth.of(year, 1) : month(from, "from");
        YearMonth last = year != null ? YearMonth.of(year, 12) : month(to, "to");
        check(first != null && last != null, "give year=YYYY, or from=YYYY-MM and to=YYYY-MM");
        check(!first.isAfter(last), "from must not be after to");
        Filters filters = new Filters(first, last, province, null, programme);
        return district == null ? filters : filters.withDistrict(district);
    }

    /** Region and programme without a period (the outlook's months are the next twelve). */
    static Filters region(String district, String province, String programme, Integer year, String from, String to) {
        check(year == null && from == null && to == null, "forecasts are the next twelve months: give no year, from or to");
        checkRegionAndProgramme(district, province, programme);
        Filters filters = new Filters(null, null, province, null, programme);
        return district == null ? filters : filters.withDistrict(district);
    }

    private static void checkRegionAndProgramme(String district, String province, String programme) {
        check(district == null || district.matches("\\d{4}"), "district must be a 4-digit code, e.g. 3404");
        check(province == null || province.matches("\\d{2}"), "province must be a 2-digit code, e.g. 34");
        check(district == null || province == null || district.startsWith(province),
                "district " + district + " is not in province " + province);
        check(programme == null || Filters.PROGRAMMES.contains(programme),
                "programme must be one of " + String.join(", ", Filters.PROGRAMMES));
    }

    static String format(String format) {
        String f = format == null ? "json" : format.toLowerCase(java.util.Locale.ROOT);
        check(f.equals("json") || f.equals("csv"), "format must be json or csv");
        return f;
    }

    private static YearMonth month(String text, String name) {
        if (text == null) {
            return null;
        }
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException e) {
            throw new BadRequest(name + " must be a month as YYYY-MM, got '" + text + "'");
        }
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new BadRequest(message);
        }
    }

    /** A parameter the API cannot use: 400. */
    static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }
}
