package id.slrt.dashboard.annotations;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.security.AccessDenied;
import id.slrt.dashboard.security.AuditLog;
import id.slrt.dashboard.security.RegionScope;

/**
 * Annotations through the region scope, the one way to them (AnnotationStore has no scope of its own).
 * Read: a region's page shows what was said of it, of the regions that contain it (a national policy, a
 * provincial flood) and of the regions inside it. Write and delete: only for a region the user may ask
 * for unchanged, so a district user writes for their district only, a province's user for the province
 * and its districts, national users and administrators anywhere. Every change is audited.
 */
@Service
public class AnnotationsService {

    public static final int MAX_TEXT = 500;
    /** Months an annotation may span: a long outage, not a standing remark. */
    public static final int MAX_MONTHS = 60;
    /** Annotations one region may hold: a flood of them must not fill the disk or every chart. */
    public static final int MAX_PER_REGION = 500;
    public static final YearMonth FIRST_MONTH = YearMonth.of(2000, 1);
    public static final YearMonth LAST_MONTH = YearMonth.of(2100, 12);

    /** 16 digits, each maybe followed by a space, dot or dash: a NIK or a No. KK. */
    private static final Pattern ID_NUMBER = Pattern.compile("(\\d[\\s.\\-]?){15}\\d");
    private static final Pattern REGION = Pattern.compile("|\\d{2}|\\d{4}");

    private final AnnotationStore store;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    public AnnotationsService(AnnotationStore store, AuditLog audit) {
        this.store = store;
        this.audit = audit;
    }

    /** Refused input: the reason is the message key of the screen (and the API's 400). */
    public static final class Refused extends RuntimeException {
        private final String key;

        Refused(String key, String message) {
            super(message);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /**
     * The annotations of the filters' region (after the user's scope), of the regions that contain it and
     * of those inside it, overlapping the filters' period.
     */
    public List<Annotation> forRegion(Filters filters) {
        Filters f = RegionScope.current().enforce(filters).filters();
        String region = f.district() != null ? f.district() : f.province() != null ? f.province() : "";
        List<String> containing = new ArrayList<>(List.of(""));
        if (region.length() >= 2) {
            containing.add(region.substring(0, 2));
        }
        return store.find(containing, region).stream().filter(a -> a.overlaps(f.from(), f.to())).toList();
    }

    /** Those of {@link #forRegion} said of {@code code} itself or of a region containing it. */
    public static List<Annotation> explaining(List<Annotation> annotations, String code, YearMonth month) {
        return annotations.stream().filter(a -> a.explains(code) && (month == null || a.covers(month))).toList();
    }

    /** "Bencana: Banjir lahar dingin; ..." of those explaining {@code code}'s {@code month}, or "": beside an alert. */
    public static String said(List<Annotation> annotations, String code, YearMonth month,
                              java.util.function.Function<String, String> translation) {
        return String.join("; ", explaining(annotations, code, month).stream()
                .map(n -> translation.apply("annotations.kind." + n.kind().code()) + ": " + n.text()).toList());
    }

    /**
     * Records an annotation for the signed-in user.
     *
     * @throws Refused      a bad region code, period, kind or text (its reason)
     * @throws AccessDenied a region outside the user's scope
     */
    public Annotation add(String region, YearMonth from, YearMonth to, Annotation.Kind kind, String text) {
        String code = region == null ? "" : region.strip();
        if (!REGION.matcher(code).matches()) {
            throw new Refused("annotations.refused.region", "region must be empty (national), 2 or 4 digits");
        }
        if (from == null || to == null || from.isBefore(FIRST_MONTH) || to.isAfter(LAST_MONTH)) {
            throw new Refused("annotations.refused.months", "months must be between " + FIRST_MONTH + " and " + LAST_MONTH);
        }
        if (to.isBefore(from)) {
            throw new Refused("annotations.refused.order", "the last month is before the first");
        }
        if (from.plusMonths(MAX_MONTHS).isBefore(to.plusMonths(1))) {
            throw new Refused("annotations.refused.span", "an annotation spans at most " + MAX_MONTHS + " months");
        }
        if (kind == null) {
            throw new Refused("annotations.refused.kind", "the kind is missing");
        }
        String clean = clean(text);
        requireWritable(code);
        if (store.countActive(code) >= MAX_PER_REGION) {
            throw new Refused("annotations.refused.full", "this region has " + MAX_PER_REGION + " annotations already");
        }
        String user = user();
        java.time.Instant now = clock.instant();
        long id = store.add(code, from, to, kind, clean, user, now);
        // The text stays in the database: the audit log says who, which, where and when, not what.
        audit.annotated(user, "added " + id + " " + describe(code, from, to, kind));
        return new Annotation(id, code, from, to, kind, clean, user, now);
    }

    /** Deletes an annotation of a region the user may write for; false when there is none (any more). */
    public boolean delete(long id) {
        Annotation a = store.get(id).orElse(null);
        if (a == null) {
            return false;
        }
        requireWritable(a.region());
        String user = user();
        boolean deleted = store.delete(id, user, clock.instant());
        if (deleted) {
            audit.annotated(user, "deleted " + id + " " + describe(a.region(), a.from(), a.to(), a.kind()));
        }
        return deleted;
    }

    /** Whether the signed-in user may add or delete annotations of {@code region}. */
    public boolean writable(String region) {
        try {
            requireWritable(region);
            return true;
        } catch (AccessDenied e) {
            return false;
        }
    }

    /** The region survives the user's scope unchanged: a narrower one would be a region the user did not ask for. */
    private static void requireWritable(String region) {
        Filters asked = region.length() == 4 ? Filters.NONE.withDistrict(region)
                : region.length() == 2 ? Filters.NONE.withProvince(region) : Filters.NONE;
        Filters allowed = RegionScope.current().enforce(asked).filters();
        String kept = allowed.district() != null ? allowed.district() : allowed.province() != null ? allowed.province() : "";
        if (!kept.equals(region)) {
            throw new AccessDenied("access denied: region " + (region.isEmpty() ? "nasional" : region)
                    + " is outside your region " + kept, region.isEmpty() ? "nasional" : region, kept);
        }
    }

    /** One line of plain text: no control characters, no NIK or No. KK, at most {@value #MAX_TEXT} characters. */
    static String clean(String text) {
        String t = text == null ? "" : text.strip().replaceAll("\\s+", " ");
        if (t.isEmpty()) {
            throw new Refused("annotations.refused.empty", "the text is empty");
        }
        if (t.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.FORMAT)) {
            throw new Refused("annotations.refused.control", "the text holds control characters");
        }
        if (t.length() > MAX_TEXT) {
            throw new Refused("annotations.refused.long", "the text is longer than " + MAX_TEXT + " characters");
        }
        if (ID_NUMBER.matcher(t).find()) {
            throw new Refused("annotations.refused.personal", "the text holds a 16-digit number (a NIK or No. KK?):"
                    + " annotations must not hold personal data");
        }
        return t;
    }

    private static String describe(String region, YearMonth from, YearMonth to, Annotation.Kind kind) {
        return "region " + (region.isEmpty() ? "nasional" : region) + " " + from + ".." + to + " " + kind.code();
    }

    private static String user() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null ? "?" : authentication.getName();
    }
}
