package id.slrt.bench.load;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * N simulated users at once, each on its own virtual thread with its own browser (session), signing in
 * and then loading pages and calling the API with a think time between actions, until {@link #stop()}.
 * Users start spread over a ramp-up, as people arrive; a stopped user finishes the action in progress
 * (bounded by the request time limit) and leaves its page.
 */
final class LoadPhase {
    /** How long users wait between actions: uniformly 0.5 to 1.5 times the mean. */
    record Pacing(Duration meanThink, Duration rampUp) {
    }

    private final Recorder recorder = new Recorder();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final Http http;
    private final HttpClient apiClient;
    private final Workload workload;
    private final Pacing pacing;

    LoadPhase(Http http, HttpClient apiClient, Workload workload, Pacing pacing) {
        this.http = http;
        this.apiClient = apiClient;
        this.workload = workload;
        this.pacing = pacing;
    }

    Recorder recorder() {
        return recorder;
    }

    /** Starts the users; user i signs in as {@link DemoUser#forUser(int) demo user i}. */
    LoadPhase start(int users, long seed) {
        for (int i = 0; i < users; i++) {
            DemoUser account = DemoUser.forUser(i);
            long delay = pacing.rampUp().toMillis() * i / Math.max(1, users);
            SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
            threads.add(Thread.ofVirtual().name("load-user-" + i).start(() -> {
                if (!pause(delay)) {
                    run(account, random);
                }
            }));
        }
        return this;
    }

    /** Users finish the action in progress and leave. */
    void stop() {
        stopped.countDown();
    }

    boolean running() {
        return stopped.getCount() > 0;
    }

    /** Waits for every user to leave, at most the given time. @return whether all left */
    boolean await(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    private void run(DemoUser account, SplittableRandom random) {
        try {
            act(account, random);
        } catch (RuntimeException e) { // a bug in the bench itself: counted, not hidden
            recorder.request("bench", 0, "user thread stopped: " + e);
        }
    }

    private void act(DemoUser account, SplittableRandom random) {
        ApiClient api = new ApiClient(http, apiClient, recorder);
        try (VaadinBrowser browser = new VaadinBrowser(http, recorder)) {
            Workload.Deck deck = workload.deck(account, random);
            boolean signedIn = false;
            while (running()) {
                if (!signedIn) {
                    signedIn = timed("sign-in", () -> browser.signIn(account)) == Outcome.OK;
                } else {
                    Workload.Action action = deck.next();
                    Outcome outcome = switch (action) {
                        case Workload.PageLoad page -> {
                            browser.leave();
                            yield timed("page load", () -> browser.open(page));
                        }
                        case Workload.ApiCall call -> timed("API call", () -> api.call(account, call));
                    };
                    if (outcome == Outcome.SESSION_LOST) {
                        recorder.checked("signed in again on another instance");
                        signedIn = timed("sign-in", () -> browser.signIn(account)) == Outcome.OK;
                    }
                }
                double factor = 0.5 + random.nextDouble();
                if (pause(Math.round(pacing.meanThink().toMillis() * factor))) {
                    break;
                }
            }
        }
    }

    private enum Outcome { OK, FAILED, SESSION_LOST }

    /** @return how the action ended (a failure is recorded by the request that failed) */
    private Outcome timed(String kind, Runnable action) {
        long start = System.nanoTime();
        boolean ok = false;
        try {
            action.run();
            ok = true;
        } catch (VaadinBrowser.SessionLost e) {
            return Outcome.SESSION_LOST; // not a user action that failed: the session moved (counted as a check)
        } catch (Http.Failure e) {
            // the failed request recorded the error
        } catch (RuntimeException e) { // a bug in the bench itself: counted, not hidden
            recorder.request(kind, 0, "bench error: " + e);
        }
        recorder.action(kind, System.nanoTime() - start, !ok);
        return ok ? Outcome.OK : Outcome.FAILED;
    }

    /** @return true when the phase was stopped during the pause */
    private boolean pause(long millis) {
        try {
            return millis > 0 ? stopped.await(millis, TimeUnit.MILLISECONDS) : !running();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }
}
