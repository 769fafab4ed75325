package id.slrt.dashboard.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rule for failed sign-ins, per user name and per client address: {@code max-failures} within
 * {@code window} lock the name (or address) out for {@code first-lockout}, each further lockout for
 * twice as long as the one before, up to {@code max-lockout}. A name or address is forgotten once it has
 * been quiet (not locked, no failure) for {@code max-lockout}, so the doubling outlasts a short pause.
 * A successful sign-in forgets the user name's failures, not the address's: otherwise an attacker with
 * one account could clear their address between guesses.
 *
 * <p>Both tables are bounded ({@code max-tracked} each, least recently seen dropped first, forgotten
 * entries before any other), so an attacker rotating names or addresses costs a fixed amount of memory;
 * pushing a locked name out of the table takes {@code max-tracked} failures, which lock the attacker's
 * address long before, unless they come from as many addresses.
 */
public final class SignInThrottle {

    /** Refused without checking the password; how long until another try is allowed. */
    public record Locked(String what, Duration retryAfter) {
    }

    private static final class Entry {
        final Deque<Instant> failures = new ArrayDeque<>();
        Instant lockedUntil = Instant.MIN;
        Instant lastFailure = Instant.MIN;
        int lockouts;
    }

    private final SecurityProperties.SignIn rules;
    private final Clock clock;
    private final Map<String, Entry> users;
    private final Map<String, Entry> addresses;

    public SignInThrottle(SecurityProperties.SignIn rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
        this.users = bounded();
        this.addresses = bounded();
    }

    /** Empty when the user name and the address may try; otherwise which is locked and for how long. */
    public synchronized Optional<Locked> check(String user, String address) {
        Instant now = clock.instant();
        Optional<Locked> byUser = locked(users, user, now, "user " + user);
        return byUser.isPresent() ? byUser : locked(addresses, address, now, "address " + address);
    }

    /**
     * Counts a failed sign-in (wrong password, unknown user).
     *
     * @return the lockouts this failure started (user, address or both), to be audited
     */
    public synchronized java.util.List<Locked> failed(String user, String address) {
        Instant now = clock.instant();
        java.util.List<Locked> started = new java.util.ArrayList<>(2);
        fail(users, user, rules.maxFailuresPerUser(), now).ifPresent(d -> started.add(new Locked("user " + user, d)));
        fail(addresses, address, rules.maxFailuresPerAddress(), now)
                .ifPresent(d -> started.add(new Locked("address " + address, d)));
        return started;
    }

    /** A correct password: the user name starts afresh (the address does not, see the class comment). */
    public synchronized void succeeded(String user) {
        users.remove(user);
    }

    /** User names and addresses currently remembered (for tests and health). */
    public synchronized int tracked() {
        return users.size() + addresses.size();
    }

    private Optional<Locked> locked(Map<String, Entry> table, String key, Instant now, String what) {
        Entry entry = table.get(key);
        if (entry == null || !entry.lockedUntil.isAfter(now)) {
            return Optional.empty();
        }
        return Optional.of(new Locked(what, Duration.between(now, entry.lockedUntil)));
    }

    private Optional<Duration> fail(Map<String, Entry> table, String key, int maxFailures, Instant now) {
        Entry entry = table.get(key);
        if (entry != null && forgotten(entry, now)) {
            table.remove(key);
            entry = null;
        }
        if (entry == null) {
            makeRoom(table, now);
            entry = new Entry();
            table.put(key, entry);
        }
        entry.lastFailure = now;
        while (!entry.failures.isEmpty() && !entry.failures.peekFirst().isAfter(now.minus(rules.window()))) {
            entry.failures.removeFirst();
        }
        entry.failures.addLast(now);
        if (entry.failures.size() < maxFailures) {
            return Optional.empty();
        }
        entry.failures.clear();
        Duration lockout = rules.firstLockout();
        for (int i = 0; i < entry.lockouts && lockout.compareTo(rules.maxLockout()) < 0; i++) {
            lockout = lockout.multipliedBy(2);
        }
        if (lockout.compareTo(rules.maxLockout()) > 0) {
            lockout = rules.maxLockout();
        }
        entry.lockouts++;
        entry.lockedUntil = now.plus(lockout);
        return Optional.of(lockout);
    }

    private boolean forgotten(Entry entry, Instant now) {
        Instant quietSince = entry.lockedUntil.isAfter(entry.lastFailure) ? entry.lockedUntil : entry.lastFailure;
        return !quietSince.plus(rules.maxLockout()).isAfter(now);
    }

    /** Before adding to a full table: drop the forgotten entries, then, if still full, the least recently seen. */
    private void makeRoom(Map<String, Entry> table, Instant now) {
        if (table.size() < rules.maxTracked()) {
            return;
        }
        table.values().removeIf(e -> forgotten(e, now));
        Iterator<Entry> eldest = table.values().iterator();
        while (table.size() >= rules.maxTracked() && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }

    private static Map<String, Entry> bounded() {
        // Access order: a name seen again moves to the end, the least recently seen is first.
        return new LinkedHashMap<>(64, 0.75f, true);
    }
}
