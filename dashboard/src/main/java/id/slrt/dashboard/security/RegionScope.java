package id.slrt.dashboard.security;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import id.slrt.dashboard.filters.FilterOptions;
import id.slrt.dashboard.filters.Filters;

/**
 * What the signed-in user may see, from their authorities: {@code ROLE_NATIONAL} (all data),
 * {@code ROLE_PROVINCE} or {@code ROLE_DISTRICT} with {@code REGION_<code>} (their province or
 * district), {@code ROLE_ADMIN} (all data, and operations). {@link #enforce} is the only way to get the
 * {@link Scoped} filters that {@code warehouse.ScopedQuery} (the only way to run SQL over the warehouse)
 * requires and turns into the region condition itself: a query without a scope does not compile, and a
 * URL or API parameter naming another region gets {@link AccessDenied}, never numbers.
 *
 * @param role   NATIONAL, PROVINCE, DISTRICT or ADMIN; null for no access at all
 * @param region the province (2 digits) or district (4 digits) of a regional user
 */
public record RegionScope(String role, String region) {

    public static final String NATIONAL = "NATIONAL";
    public static final String PROVINCE = "PROVINCE";
    public static final String DISTRICT = "DISTRICT";
    public static final String ADMIN = "ADMIN";
    public static final List<String> ROLES = List.of(NATIONAL, PROVINCE, DISTRICT, ADMIN);

    /** The scope of the request's or UI's signed-in user. */
    public static RegionScope current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication == null || !authentication.isAuthenticated() ? new RegionScope(null, null)
                : of(authentication.getAuthorities());
    }

    public static RegionScope of(Collection<? extends GrantedAuthority> authorities) {
        String role = null;
        String region = null;
        for (GrantedAuthority authority : authorities) {
            String name = authority.getAuthority();
            if (name.startsWith("ROLE_") && ROLES.contains(name.substring(5))) {
                // The widest role wins when a user has several.
                String candidate = name.substring(5);
                if (role == null || ROLES.indexOf(candidate) < ROLES.indexOf(role) || candidate.equals(ADMIN)) {
                    role = candidate;
                }
            } else if (name.startsWith("REGION_")) {
                region = name.substring(7);
            }
        }
        boolean regional = PROVINCE.equals(role) || DISTRICT.equals(role);
        int digits = PROVINCE.equals(role) ? 2 : 4;
        if (regional && (region == null || region.length() != digits)) {
            return new RegionScope(null, null); // a regional role without its region sees nothing
        }
        return new RegionScope(role, regional ? region : null);
    }

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    public boolean seesAll() {
        return NATIONAL.equals(role) || ADMIN.equals(role);
    }

    /**
     * The filters narrowed to this scope: a regional user without a region in the filters gets theirs;
     * a region outside the scope is refused.
     */
    public Scoped enforce(Filters filters) {
        if (role == null) {
            throw new AccessDenied("access denied: no role");
        }
        if (seesAll()) {
            return new Scoped(this, filters);
        }
        String province = region.substring(0, 2);
        if (filters.province() != null && !filters.province().equals(province)) {
            throw denied(filters.province());
        }
        if (PROVINCE.equals(role)) {
            return new Scoped(this, filters.province() == null ? filters.withProvince(province) : filters);
        }
        if (filters.district() != null && !filters.district().equals(region)) {
            throw denied(filters.district());
        }
        return new Scoped(this, filters.withDistrict(region));
    }

    /** A district asked for by code (the district page, the API). */
    public Scoped enforceDistrict(String district) {
        return enforce(Filters.NONE.withDistrict(district));
    }

    /**
     * Filters checked against a user's scope: a regional user's always name their province or district.
     * WHY a class with a private constructor: only {@link RegionScope#enforce} can make one, and the query
     * helper accepts nothing else, so no query reaches the warehouse unchecked.
     */
    public static final class Scoped {

        private final RegionScope scope;
        private final Filters filters;

        private Scoped(RegionScope scope, Filters filters) {
            this.scope = scope;
            this.filters = filters;
        }

        public RegionScope scope() {
            return scope;
        }

        public Filters filters() {
            return filters;
        }

        public String province() {
            return filters.province();
        }

        public String district() {
            return filters.district();
        }

        @Override
        public String toString() {
            return scope + " " + filters;
        }
    }

    /** The district shown when none is asked for: a district user's own. */
    public String defaultDistrict(String fallback) {
        return DISTRICT.equals(role) ? region : fallback;
    }

    public void requireAdmin() {
        if (!isAdmin()) {
            throw new AccessDenied("access denied: operations are for administrators");
        }
    }

    /** The filter bar's choices within the scope. */
    public FilterOptions restrict(FilterOptions options) {
        if (role == null) {
            return FilterOptions.EMPTY; // no role: no region, no months, nothing to pick
        }
        if (seesAll()) {
            return options;
        }
        String province = region.substring(0, 2);
        return new FilterOptions(options.first(), options.last(),
                options.provinces().stream().filter(p -> p.code().equals(province)).toList(),
                options.districts().stream().filter(d -> d.code().startsWith(region)).toList());
    }

    private AccessDenied denied(String asked) {
        return new AccessDenied("access denied: region " + asked + " is outside your region " + region, asked, region);
    }
}
