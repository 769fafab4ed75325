package id.slrt.bench.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/**
 * What a simulated user does next: a page load of one of the screens it may open, or an API call, with
 * filters inside its region and a year whose numbers the ETL phase does not change, and what the answer
 * must contain.
 */
final class Workload {

    /** A user action. */
    sealed interface Action permits PageLoad, ApiCall {
    }

    /**
     * A screen opened by URL, as a reload or a shared link does.
     *
     * @param route    the path without its leading slash ("" for the national screen)
     * @param expected a text the rendered view must contain besides its title (null: title only)
     */
    record PageLoad(String route, String query, String titleKey, String expected) implements Action {
        String kind() {
            return "view /" + route;
        }
    }

    /**
     * @param endpoint       the API path after /api/v1/
     * @param expectedVisits the sum of the rows' visits the answer must have (null: not checked)
     */
    record ApiCall(String endpoint, String query, Long expectedVisits) implements Action {
        String kind() {
            return "api /" + endpoint;
        }
    }

    private record Screen(String route, String titleKey, boolean adminOnly) {
    }

    /** A screen to open or an API endpoint to call. */
    private record Card(Screen screen, String endpoint) {
    }

    private static final List<Screen> SCREENS = List.of(
            new Screen("", "national.title", false),
            new Screen("kabupaten", "visits.title", false),
            new Screen("rujukan", "referrals.title", false),
            new Screen("kualitas", "quality.title", false),
            new Screen("jangkauan", "reach.title", false),
            new Screen("laporan", "reports.title", false),
            new Screen("operasional", "operations.title", true));

    static final List<String> API_ENDPOINTS = List.of("visits/monthly", "referrals/outcomes", "reports/budget");

    private final Expectations expectations;
    private final List<Integer> years;
    private final double apiShare;

    /**
     * @param years    the years to ask for: full years of data that the ETL phase's new month leaves alone
     * @param apiShare share of actions that are API calls, the rest page loads (rounded to whole cards of a
     *                 user's deck: with 0.3, 3 API calls to 6 or 7 screens)
     */
    Workload(Expectations expectations, List<Integer> years, double apiShare) {
        if (years.isEmpty()) {
            throw new IllegalArgumentException("no year to ask for");
        }
        this.expectations = expectations;
        this.years = List.copyOf(years);
        this.apiShare = apiShare;
    }

    /**
     * One user's actions: a shuffled deck of every screen it may open and of API endpoints in the API
     * share, drawn one by one and shuffled again when empty, so that even a short run exercises every
     * screen and endpoint; filters are drawn afresh at each action.
     */
    final class Deck {
        private final DemoUser user;
        private final SplittableRandom random;
        private final List<Card> cards = new ArrayList<>();
        private final List<Card> left = new ArrayList<>();

        private Deck(DemoUser user, SplittableRandom random) {
            this.user = user;
            this.random = random;
            List<Screen> screens = screens(user);
            if (apiShare < 1) {
                screens.forEach(screen -> cards.add(new Card(screen, null)));
            }
            int calls = apiShare >= 1 ? API_ENDPOINTS.size()
                    : (int) Math.round(apiShare / (1 - apiShare) * screens.size());
            for (int i = 0; i < calls; i++) {
                cards.add(new Card(null, API_ENDPOINTS.get(i % API_ENDPOINTS.size())));
            }
        }

        Action next() {
            if (left.isEmpty()) {
                left.addAll(cards);
                for (int i = left.size() - 1; i > 0; i--) { // Fisher-Yates with the user's own random
                    Collections.swap(left, i, random.nextInt(i + 1));
                }
            }
            Card card = left.removeLast();
            return card.screen() != null ? pageLoad(user, card.screen(), random) : apiCall(user, card.endpoint(), random);
        }
    }

    Deck deck(DemoUser user, SplittableRandom random) {
        return new Deck(user, random);
    }

    /** Every screen the user may open and every API endpoint, once each (the warm-up). */
    List<Action> everything(DemoUser user, SplittableRandom random) {
        List<Action> all = new ArrayList<>();
        for (Screen screen : screens(user)) {
            all.add(pageLoad(user, screen, random));
        }
        for (String endpoint : API_ENDPOINTS) {
            all.add(apiCall(user, endpoint, random));
        }
        return all;
    }

    static List<String> viewKinds(boolean withAdmin) {
        return SCREENS.stream().filter(s -> withAdmin || !s.adminOnly()).map(s -> "view /" + s.route()).toList();
    }

    private List<Screen> screens(DemoUser user) {
        return SCREENS.stream().filter(s -> !s.adminOnly() || user.isAdmin()).toList();
    }

    private PageLoad pageLoad(DemoUser user, Screen screen, SplittableRandom random) {
        int year = years.get(random.nextInt(years.size()));
        String period = random.nextInt(10) < 7 ? "dari=%d-01&sampai=%d-12".formatted(year, year)
                : "dari=%d-01&sampai=%d-06".formatted(year, year);
        return switch (screen.route()) {
            case "kabupaten" -> {
                String district = pick(expectations.regions(4, year, user), random);
                long total = expectations.visits(district, year).orElseThrow();
                yield new PageLoad(screen.route(), "kabupaten=%s&tahun=%d".formatted(district, year), screen.titleKey(),
                        ViewText.districtTotal(year, total));
            }
            case "laporan" -> {
                String region = region(user, year, random);
                yield new PageLoad(screen.route(), (region == null ? "" : "wilayah=" + region + "&") + "tahun=" + year,
                        screen.titleKey(), null);
            }
            case "operasional" -> new PageLoad(screen.route(), "", screen.titleKey(), null);
            default -> {
                String region = region(user, year, random);
                String filter = region == null ? "" : (region.length() == 2 ? "&provinsi=" : "&kabupaten=") + region;
                yield new PageLoad(screen.route(), period + filter, screen.titleKey(), null);
            }
        };
    }

    private ApiCall apiCall(DemoUser user, String endpoint, SplittableRandom random) {
        int year = years.get(random.nextInt(years.size()));
        String region = region(user, year, random);
        if (region == null) { // the API's national answers are the same queries; a region keeps the check simple
            region = pick(expectations.regions(2, year, user), random);
        }
        String regionParam = (region.length() == 2 ? "province=" : "district=") + region;
        return switch (endpoint) {
            case "visits/monthly" -> {
                OptionalLong visits = expectations.visits(region, year);
                yield new ApiCall(endpoint, regionParam + "&year=" + year, visits.isPresent() ? visits.getAsLong() : null);
            }
            case "referrals/outcomes" -> new ApiCall(endpoint, regionParam + "&from=%d-01&to=%d-06".formatted(year, year), null);
            default -> new ApiCall(endpoint, "region=" + region + "&year=" + year, null);
        };
    }

    /**
     * A region within the user's scope with visits in the year: a district user its district; a province
     * user its province or one of its districts; a national user nothing (national), a province or a district.
     */
    private String region(DemoUser user, int year, SplittableRandom random) {
        int draw = random.nextInt(4);
        if (user.seesAll() && draw < 2) {
            return null;
        }
        int digits = user.region() != null && user.region().length() == 4 ? 4 : (draw % 2 == 0 ? 2 : 4);
        return pick(expectations.regions(digits, year, user), random);
    }

    private static String pick(List<String> codes, SplittableRandom random) {
        if (codes.isEmpty()) {
            throw new IllegalStateException("no region with data for this user and year");
        }
        return codes.get(random.nextInt(codes.size()));
    }
}
