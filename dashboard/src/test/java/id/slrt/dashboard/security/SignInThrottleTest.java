package id.slrt.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The throttling rule on its own, with a clock the test moves (no waiting, no timing). */
class SignInThrottleTest {

    private static final SecurityProperties.SignIn RULES = new SecurityProperties.SignIn(5, 20,
            Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1), 100);

    private final MovableClock clock = new MovableClock();
    private final SignInThrottle throttle = new SignInThrottle(RULES, clock);

    @Test
    void fiveFailuresWithinTheWindowLockTheUserForAMinute() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("admin", "10.0.0." + i)).isEmpty();
            assertThat(throttle.check("admin", "10.0.0.9")).isEmpty();
        }
        assertThat(throttle.failed("admin", "10.0.0.5")).extracting(SignInThrottle.Locked::what).containsExactly("user admin");
        SignInThrottle.Locked locked = throttle.check("admin", "10.0.0.9").orElseThrow();
        assertThat(locked.retryAfter()).isEqualTo(Duration.ofMinutes(1));
        // Another user from another address is not affected.
        assertThat(throttle.check("nasional", "10.0.0.9")).isEmpty();
        clock.move(Duration.ofSeconds(59));
        assertThat(throttle.check("admin", "10.0.0.9")).isPresent();
        clock.move(Duration.ofSeconds(1));
        assertThat(throttle.check("admin", "10.0.0.9")).isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowDoNotCount() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin", "a");
        }
        clock.move(Duration.ofMinutes(16));
        assertThat(throttle.failed("admin", "a")).isEmpty();
        assertThat(throttle.check("admin", "a")).isEmpty();
    }

    @Test
    void eachFurtherLockoutLastsTwiceAsLongUpToAnHour() {
        Duration expected = Duration.ofMinutes(1);
        for (int round = 0; round < 9; round++) {
            for (int i = 0; i < 5; i++) {
                throttle.failed("admin", "address-" + round + "-" + i);
            }
            assertThat(throttle.check("admin", "x").orElseThrow().retryAfter()).as("round " + round).isEqualTo(expected);
            clock.move(expected);
            expected = expected.multipliedBy(2).compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : expected.multipliedBy(2);
        }
        // Quiet for the longest lockout: forgotten, the next lockout is the first again.
        clock.move(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            throttle.failed("admin", "later");
        }
        assertThat(throttle.check("admin", "x").orElseThrow().retryAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anAddressIsLockedAfterTwentyFailuresWhateverTheUserNames() {
        for (int i = 0; i < 19; i++) {
            throttle.failed("user" + i, "203.0.113.7");
        }
        assertThat(throttle.check("someone-else", "203.0.113.7")).isEmpty();
        assertThat(throttle.failed("user19", "203.0.113.7")).extracting(SignInThrottle.Locked::what)
                .containsExactly("address 203.0.113.7");
        assertThat(throttle.check("admin", "203.0.113.7").orElseThrow().what()).isEqualTo("address 203.0.113.7");
        assertThat(throttle.check("admin", "203.0.113.8")).isEmpty();
    }

    @Test
    void successClearsTheUserButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("admin", "a");
        }
        throttle.succeeded("admin");
        assertThat(throttle.failed("admin", "a")).isEmpty(); // counting starts afresh for the user
        for (int i = 0; i < 14; i++) {
            throttle.failed("u" + i, "a");
        }
        // 4 + 1 + 14 = 19 failures from "a" so far: the success did not clear them; one more locks it.
        assertThat(throttle.failed("other", "a")).extracting(SignInThrottle.Locked::what).containsExactly("address a");
    }

    @Test
    void rotatingUserNamesAndAddressesCannotGrowTheTablesBeyondTheirBound() {
        for (int i = 0; i < 10_000; i++) {
            throttle.failed("name-" + i, "198.51." + (i / 256) + "." + (i % 256));
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(2 * RULES.maxTracked());
    }

    static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-12-01T08:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
