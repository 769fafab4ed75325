package id.slrt.dashboard.warehouse;

import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import id.slrt.dashboard.security.RegionScope;

/**
 * What a service computed over a whole region's history, kept per snapshot, region and month: the alerts
 * and the outlook of a region are worked out once and then cut to each request's period or programme.
 * Bounded: a new snapshot or many regions simply start it over.
 */
public final class RegionCache<T> {

    private static final int MAX_ENTRIES = 64;

    private final Map<String, T> entries = new ConcurrentHashMap<>();

    /** The value for the scoped filters' region (not their period or programme) and {@code month}. */
    public T get(Snapshot snapshot, RegionScope.Scoped scoped, YearMonth month, Supplier<T> compute) {
        if (entries.size() > MAX_ENTRIES) {
            entries.clear();
        }
        String key = snapshot.name() + "|" + scoped.filters().province() + "|" + scoped.filters().district() + "|" + month;
        return entries.computeIfAbsent(key, k -> compute.get());
    }
}
