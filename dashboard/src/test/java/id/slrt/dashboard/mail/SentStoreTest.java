package id.slrt.dashboard.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import id.slrt.dashboard.instances.InstanceProperties;
import id.slrt.dashboard.testing.UniqueText;

/** Two instances on one database: each month's mail to a subscriber is claimed and sent by one of them. */
class SentStoreTest {
    private static final YearMonth MONTH = YearMonth.of(2019, 12);
    private static final MailProperties.Subscriber BAPPEDA = new MailProperties.Subscriber("Bappeda", "Bappeda@Example.org", "34", "id");

    private JdbcClient jdbc;
    private SentStore a;
    private SentStore b;

    @BeforeEach
    void twoInstancesOnOneDatabase() throws Exception {
        JdbcDataSource db = new JdbcDataSource();
        db.setURL("jdbc:h2:mem:" + UniqueText.of("sent") + ";DB_CLOSE_DELAY=-1");
        try (var connection = db.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/shared-state.sql"));
        }
        jdbc = JdbcClient.create(db);
        a = new SentStore(jdbc, new InstanceProperties("a", InstanceProperties.SharedState.DATABASE));
        b = new SentStore(jdbc, new InstanceProperties("b", InstanceProperties.SharedState.DATABASE));
    }

    @Test
    void onlyOneInstanceClaimsAMailAndOnceSentItIsSentForBoth() {
        assertThat(a.claim(MONTH, BAPPEDA)).isTrue();
        assertThat(b.claim(MONTH, BAPPEDA)).as("b while a sends").isFalse();
        a.record(MONTH, BAPPEDA, "snapshot-20200105T020000000Z");
        assertThat(b.sent(MONTH)).containsExactly(SentMails.key(BAPPEDA));
        assertThat(b.claim(MONTH, BAPPEDA)).as("b after a sent it").isFalse();
        assertThat(a.sent(MONTH.plusMonths(1))).isEmpty();
    }

    @Test
    void aFailedSendIsReleasedAndTheNextCheckOfAnyInstanceTriesAgain() {
        assertThat(a.claim(MONTH, BAPPEDA)).isTrue();
        a.release(MONTH, BAPPEDA);
        assertThat(b.sent(MONTH)).isEmpty();
        assertThat(b.claim(MONTH, BAPPEDA)).isTrue();
    }

    @Test
    void aClaimLeftByADeadInstanceIsTakenOverOnceItIsStale() {
        assertThat(a.claim(MONTH, BAPPEDA)).isTrue(); // a dies before sending
        jdbc.sql("UPDATE mail_sent SET claimed_at = claimed_at - INTERVAL '31' MINUTE").update();
        assertThat(b.claim(MONTH, BAPPEDA)).isTrue();
        assertThat(a.claim(MONTH, BAPPEDA)).as("the takeover is itself a fresh claim").isFalse();
    }

    @Test
    void instancesCheckingAtTheSameMomentClaimEachMailOnce() throws Exception {
        List<MailProperties.Subscriber> subscribers = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> new MailProperties.Subscriber("s" + i, "s" + i + "@example.org", "34", "id")).toList();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            List<Callable<Integer>> checks = List.of(a, b).stream().<Callable<Integer>>map(store -> () ->
                    (int) subscribers.stream().filter(s -> store.claim(MONTH, s)).count()).toList();
            int claimed = 0;
            for (Future<Integer> f : pool.invokeAll(checks)) {
                claimed += f.get();
            }
            assertThat(claimed).isEqualTo(subscribers.size());
        }
    }
}
