package id.slrt.dashboard.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import com.vaadin.flow.i18n.I18NProvider;

import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.i18n.Languages;

/**
 * An alert as it may leave the server (screen, API, mail): its counts through the disclosure policy,
 * its region named, and its sentence in the reader's language.
 *
 * @param observed a count (Long, or "&lt;5"), or a share (Double; null when its count is hidden)
 * @param expected what the baseline expected, rounded for a count; for a missing export, the visits a
 *                 month before
 * @param low      and {@code high}: the usual range, as {@code expected}; null for a missing export
 */
public record ShownAlert(Alert alert, String region, Object observed, Object expected, Object low, Object high) {

    /** The alerts of one answer, with their counts disclosed together. */
    public static List<ShownAlert> of(List<Alert> alerts, Disclosure disclosure, Function<String, String> regionLabel,
                                      String nation) {
        Disclosure.Table table = disclosure.table();
        List<Object[]> cells = new ArrayList<>();
        for (Alert a : alerts) {
            if (a.measure().isCount()) {
                cells.add(new Object[] {table.count(a.numerator()), table.count(Math.round(a.expected())),
                        a.low() == null ? null : table.count(Math.round(a.low())),
                        a.high() == null ? null : table.count(Math.round(a.high()))});
            } else {
                cells.add(new Object[] {table.measure(a.observed(), table.count(a.numerator()), table.count(a.denominator())),
                        a.expected(), a.low(), Math.min(1.0, a.high())});
            }
        }
        table.disclose();
        List<ShownAlert> shown = new ArrayList<>();
        for (int i = 0; i < alerts.size(); i++) {
            Alert a = alerts.get(i);
            Object[] c = cells.get(i);
            String region = a.level().equals(Alert.NATION) ? nation : regionLabel.apply(a.code());
            shown.add(new ShownAlert(a, region, value(c[0]), value(c[1]), value(c[2]), value(c[3])));
        }
        return shown;
    }

    private static Object value(Object cell) {
        return switch (cell) {
            case null -> null;
            case Disclosure.Count count -> count.shown();
            case Disclosure.Measure measure -> measure.shown();
            default -> cell;
        };
    }

    /**
     * "Kota Tanjungbalai, Maret 2019: 412 kunjungan, biasanya 38–61 (median 49); terbanyak KIS", or in
     * English "Kota Tanjungbalai, March 2019: 412 visits, usually 38–61 (median 49); mostly KIS".
     */
    public String sentence(I18NProvider i18n, Locale locale) {
        Alert a = alert;
        String when = region + ", " + Languages.yearMonth(a.month(), locale);
        if (a.measure() == Measure.NO_EXPORT) {
            return i18n.getTranslation("alert.sentence.no_export", locale, when, number(expected, locale));
        }
        String key = "alert.sentence." + a.measure().code() + (a.programme() == null ? "" : ".programme");
        String text = i18n.getTranslation(key, locale, when, number(observed, locale), number(low, locale),
                number(high, locale), number(expected, locale), a.programme() == null ? "" : a.programme());
        if (a.driver() != null) {
            text += i18n.getTranslation(a.higher() ? "alert.driver.up" : "alert.driver.down", locale, a.driver());
        }
        if (a.method() == Baseline.Method.SHORT_HISTORY) {
            text += " " + i18n.getTranslation("alert.shortHistory", locale);
        }
        return text;
    }

    /** A count as "3.416", a share as "65,4%", a hidden count as "&lt;5", a hidden share as "–". */
    public String number(Object value, Locale locale) {
        return switch (value) {
            case null -> "–";
            case Long n -> Languages.integer(n, locale);
            case Double d -> alert.measure().isCount() ? Languages.integer(Math.round(d), locale) : Languages.percent(d, locale);
            default -> value.toString();
        };
    }
}
