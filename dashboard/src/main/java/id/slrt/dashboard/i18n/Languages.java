package id.slrt.dashboard.i18n;

import java.text.NumberFormat;
import java.time.Month;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.VaadinSession;

/**
 * The dashboard's languages and the per-language formatting of numbers and months.
 *
 * <p>Indonesian is the default whatever the browser asks for: the users are Indonesian district
 * staff, and an English-language browser must not turn their screen into English. English is a
 * choice made with the language switch, kept for the browser session.
 */
public final class Languages {

    public static final Locale INDONESIAN = Locale.of("id", "ID");
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<Locale> SUPPORTED = List.of(INDONESIAN, ENGLISH);

    private static final String SESSION_KEY = Languages.class.getName() + ".chosen";

    private Languages() {
    }

    /** The language chosen in this session, Indonesian until someone switches. */
    public static Locale chosen(VaadinSession session) {
        Object chosen = session == null ? null : session.getAttribute(SESSION_KEY);
        return chosen instanceof Locale locale ? locale : INDONESIAN;
    }

    /** Switches this UI and remembers the choice for the session's later page loads. */
    public static void choose(UI ui, Locale locale) {
        Locale supported = supported(locale);
        ui.getSession().setAttribute(SESSION_KEY, supported);
        ui.setLocale(supported);
    }

    /** Maps any locale onto Indonesian or English (English only for an English locale). */
    public static Locale supported(Locale locale) {
        return locale != null && ENGLISH.getLanguage().equals(locale.getLanguage()) ? ENGLISH : INDONESIAN;
    }

    public static boolean isIndonesian(Locale locale) {
        return supported(locale).equals(INDONESIAN);
    }

    /** "3.416" in Indonesian, "3,416" in English. */
    public static String integer(long value, Locale locale) {
        return NumberFormat.getIntegerInstance(supported(locale)).format(value);
    }

    /** "Juni" / "June". */
    public static String monthName(Month month, Locale locale) {
        return month.getDisplayName(TextStyle.FULL_STANDALONE, supported(locale));
    }

    /** Western Indonesian Time, where the users and the ETL's schedule are. */
    public static final java.time.ZoneId WIB = java.time.ZoneId.of("Asia/Jakarta");

    /** "3 Juni 2025 02:00 WIB" / "3 June 2025 02:00 WIB". */
    public static String dateTime(java.time.ZonedDateTime time, Locale locale) {
        return java.time.format.DateTimeFormatter.ofPattern("d MMMM uuuu HH:mm 'WIB'", supported(locale))
                .format(time.withZoneSameInstant(WIB));
    }

    /**
     * The translation of {@code prefix + code} ("agency.BPJS" to "BPJS Kesehatan"), or the code itself
     * when the bundles have no text for it (the provider shows a missing key as "!key!").
     */
    public static String codeLabel(com.vaadin.flow.component.Component view, String prefix, String code) {
        String key = prefix + code;
        String text = view.getTranslation(key);
        return text == null || text.isBlank() || text.contains(key) ? code : text;
    }

    /** "Juni 2018" / "June 2018". */
    public static String yearMonth(java.time.YearMonth month, Locale locale) {
        return monthName(month.getMonth(), locale) + " " + month.getYear();
    }

    /** "Jun 2018": chart axis labels over several years. */
    public static String shortYearMonth(java.time.YearMonth month, Locale locale) {
        return shortMonthName(month.getMonth(), locale) + " " + month.getYear();
    }

    /** "65,4%" / "65.4%"; "–" for no value. */
    public static String percent(Double share, Locale locale) {
        if (share == null || share.isNaN()) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(supported(locale));
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(share * 100) + "%";
    }

    /** "+12,3%" / "-4.0%": a change on last year; "–" when there is nothing to compare with. */
    public static String change(long now, long before, Locale locale) {
        if (before == 0) {
            return "–";
        }
        double change = (now - before) / (double) before;
        return (change >= 0 ? "+" : "") + percent(change, locale);
    }

    /** One decimal: "12,5" / "12.5"; "–" for no value. */
    public static String decimal(Double value, Locale locale) {
        if (value == null || value.isNaN()) {
            return "–";
        }
        NumberFormat format = NumberFormat.getNumberInstance(supported(locale));
        format.setMinimumFractionDigits(1);
        format.setMaximumFractionDigits(1);
        return format.format(value);
    }

    /** "Jun", "Agu", "Des" / "Jun", "Aug", "Dec": chart axis labels. */
    public static String shortMonthName(Month month, Locale locale) {
        return month.getDisplayName(TextStyle.SHORT_STANDALONE, supported(locale));
    }
}
