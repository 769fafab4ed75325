package id.slrt.bench.load;

import java.util.List;
import java.util.Locale;

import id.slrt.dashboard.disclosure.Disclosure;
import id.slrt.dashboard.i18n.Languages;
import id.slrt.dashboard.i18n.MessagesI18NProvider;

/**
 * The texts a rendered view carries, taken from the dashboard's own message bundle (Indonesian, the
 * default language) so that the checks follow the dashboard's wording: each screen's page title, the
 * district screen's total, and the messages a view shows instead of its numbers.
 */
final class ViewText {
    private static final Locale LOCALE = Languages.INDONESIAN;
    private static final MessagesI18NProvider MESSAGES = new MessagesI18NProvider();
    /** Keys of the messages that replace a view's numbers when something is wrong. */
    private static final List<String> PROBLEM_KEYS = List.of("access.denied", "access.denied.region", "empty.error",
            "visits.error", "empty.noEtl", "visits.empty.noEtl", "empty.noVisits", "visits.empty.noVisits");

    private ViewText() {
    }

    /** "Kunjungan bulanan · SLRT Monitor": what the view sets as the page title when it has rendered. */
    static String pageTitle(String titleKey) {
        return text(titleKey) + " · " + text("app.title");
    }

    /** "Total 2018: 13.750 kunjungan" (or "<5" for 1 to 4, the disclosure policy), as the district screen writes it. */
    static String districtTotal(int year, long visits) {
        Disclosure disclosure = Disclosure.standard();
        return MESSAGES.getTranslation("visits.total", LOCALE, String.valueOf(year),
                disclosure.isSmall(visits) ? disclosure.small() : Languages.integer(visits, LOCALE));
    }

    /** The start of the message a view shows when its filters find no data ("Tidak ada data untuk"). */
    static String noDataMarker() {
        String text = text("empty.filters");
        return text.substring(0, text.indexOf('{')).strip();
    }

    /** The fixed start of each problem message ("Akses ditolak", "Data gudang tidak dapat dibaca: ", ...). */
    static List<String> problemMarkers() {
        return PROBLEM_KEYS.stream().map(ViewText::text).map(t -> t.contains("{") ? t.substring(0, t.indexOf('{')) : t)
                .map(String::strip).filter(t -> t.length() >= 8).distinct().toList();
    }

    private static String text(String key) {
        String text = MESSAGES.getTranslation(key, LOCALE);
        if (text.startsWith("!")) {
            throw new IllegalStateException("the dashboard's messages have no key " + key);
        }
        return text;
    }
}
