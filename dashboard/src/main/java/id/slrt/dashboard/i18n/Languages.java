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

    /** "Jun", "Agu", "Des" / "Jun", "Aug", "Dec": chart axis labels. */
    public static String shortMonthName(Month month, Locale locale) {
        return month.getDisplayName(TextStyle.SHORT_STANDALONE, supported(locale));
    }
}
