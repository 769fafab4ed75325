package id.slrt.etl.samples;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * When SLRT desks see visitors: Monday to Friday, busiest on Monday and lightest on Friday (the Friday
 * prayer shortens the day), a few Puskesos on Saturday, closed on the main national holidays and over
 * the Idul Fitri (Lebaran) leave week.
 */
final class DeskCalendar {
    /** Relative visits Monday..Sunday. */
    private static final double[] WEEKDAY = {1.30, 1.15, 1.00, 0.95, 0.70, 0.08, 0};
    private static final Set<MonthDay> FIXED_HOLIDAYS = Set.of(MonthDay.of(1, 1), MonthDay.of(5, 1),
            MonthDay.of(8, 17), MonthDay.of(12, 25));
    /** Idul Fitri, first day (SKB 3 Menteri); the desks close from two days before to three after. */
    private static final Map<Integer, LocalDate> IDUL_FITRI = Map.ofEntries(
            Map.entry(2016, LocalDate.of(2016, 7, 6)), Map.entry(2017, LocalDate.of(2017, 6, 25)),
            Map.entry(2018, LocalDate.of(2018, 6, 15)), Map.entry(2019, LocalDate.of(2019, 6, 5)),
            Map.entry(2020, LocalDate.of(2020, 5, 24)), Map.entry(2021, LocalDate.of(2021, 5, 13)),
            Map.entry(2022, LocalDate.of(2022, 5, 2)), Map.entry(2023, LocalDate.of(2023, 4, 22)),
            Map.entry(2024, LocalDate.of(2024, 4, 10)), Map.entry(2025, LocalDate.of(2025, 3, 31)),
            Map.entry(2026, LocalDate.of(2026, 3, 20)));

    private DeskCalendar() {
    }

    static boolean isHoliday(LocalDate day) {
        if (FIXED_HOLIDAYS.contains(MonthDay.from(day))) {
            return true;
        }
        // Hari Lahir Pancasila is a holiday since 2017.
        if (day.getYear() >= 2017 && MonthDay.from(day).equals(MonthDay.of(6, 1))) {
            return true;
        }
        LocalDate lebaran = IDUL_FITRI.get(day.getYear());
        return lebaran != null && !day.isBefore(lebaran.minusDays(2)) && !day.isAfter(lebaran.plusDays(3));
    }

    static boolean isOpen(LocalDate day) {
        return !isHoliday(day) && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** A visit day in the month, weighted by weekday; never a Sunday or holiday. */
    static LocalDate visitDay(YearMonth month, SplittableRandom random) {
        while (true) {
            LocalDate day = month.atDay(1 + random.nextInt(month.lengthOfMonth()));
            if (isOpen(day) && random.nextDouble() * WEEKDAY[0] < WEEKDAY[day.getDayOfWeek().ordinal()]) {
                return day;
            }
        }
    }
}
