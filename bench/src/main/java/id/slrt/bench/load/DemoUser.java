package id.slrt.bench.load;

import java.util.List;

/**
 * The dashboard's demo users (profile {@code demo}, dashboard/src/main/resources/application-demo.yml),
 * all with the password {@code slrt-demo}: simulated users sign in as one of them in turn, so every role
 * and region scope is exercised.
 *
 * @param region null for the roles that see every region; else the 2-digit province or 4-digit district
 */
record DemoUser(String username, String role, String region) {
    static final String PASSWORD = "slrt-demo";

    static final List<DemoUser> ALL = List.of(
            new DemoUser("nasional", "NATIONAL", null),
            new DemoUser("bappeda-diy", "PROVINCE", "34"),
            new DemoUser("kadis-sleman", "DISTRICT", "3404"),
            new DemoUser("admin", "ADMIN", null));

    boolean seesAll() {
        return region == null;
    }

    boolean isAdmin() {
        return role.equals("ADMIN");
    }

    /** Whether a province or district code is within this user's region. */
    boolean sees(String code) {
        return region == null || code.startsWith(region);
    }

    /** The i-th simulated user's account: the demo users in turn. */
    static DemoUser forUser(int i) {
        return ALL.get(i % ALL.size());
    }
}
