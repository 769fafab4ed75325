package id.slrt.etl.objects;

import id.slrt.warehouse.objects.ObjectLocation;
import id.slrt.warehouse.objects.ObjectStore;
import id.slrt.warehouse.objects.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ETL's side of object storage on a real S3Proxy, without Spark: the inbox and state mirror (only what
 * changed moves; hostile keys and sizes are bounded) and the run lock across machines.
 */
class MirrorAndLockTest {
    private static final String BUCKET = "slrt-mirror";

    @TempDir
    static Path serverDir;
    static S3ProxyServer server;
    static ObjectStore store;

    @TempDir
    Path work;

    @BeforeAll
    static void startServer() {
        server = S3ProxyServer.start(serverDir, BUCKET);
        server.configureThisJvm();
        store = ObjectStore.fromEnvironment();
    }

    @AfterAll
    static void stopServer() {
        store.close();
        server.close();
    }

    private static ObjectLocation fresh(String what) {
        return ObjectLocation.parse("s3://" + BUCKET + "/t-" + UUID.randomUUID() + "/" + what);
    }

    private static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aPullCopiesOnlyWhatChangedAndRemovesWhatWasRemoved() throws Exception {
        ObjectLocation inbox = fresh("inbox");
        store.put(inbox, "3404/kunjungan_3404_2019-01.csv", text("a,b\n1,2\n"));
        store.put(inbox, "3404/kunjungan_3404_2019-02.csv", text("a,b\n3,4\n"));
        store.put(inbox, "3471/empty.csv", new byte[0]);
        Path local = work.resolve("inbox");

        Mirror.Moved first = new Mirror(store, inbox, local, k -> true).pull(1024);
        assertThat(first.copied()).isEqualTo(3);
        assertThat(Files.readString(local.resolve("3404/kunjungan_3404_2019-01.csv"))).isEqualTo("a,b\n1,2\n");
        assertThat(Files.size(local.resolve("3471/empty.csv"))).isZero();

        Mirror.Moved again = new Mirror(store, inbox, local, k -> true).pull(1024);
        assertThat(again.copied()).as("nothing changed").isZero();
        assertThat(again.kept()).isEqualTo(3);

        store.put(inbox, "3404/kunjungan_3404_2019-02.csv", text("a,b\n3,5\n")); // corrected export
        store.delete(inbox, List.of("3471/empty.csv"));
        Mirror.Moved third = new Mirror(store, inbox, local, k -> true).pull(1024);
        assertThat(third.copied()).isEqualTo(1);
        assertThat(third.deleted()).isEqualTo(1);
        assertThat(Files.readString(local.resolve("3404/kunjungan_3404_2019-02.csv"))).isEqualTo("a,b\n3,5\n");
        assertThat(local.resolve("3471/empty.csv")).doesNotExist();
    }

    @Test
    void anOversizedObjectArrivesCutOnePastTheLimitSoTheReaderRefusesItAndAKeyThatIsNoFileNameIsSkipped() throws Exception {
        ObjectLocation inbox = fresh("inbox");
        store.put(inbox, "big.csv", new byte[5000]);
        store.put(inbox, "del\u007fname.csv", text("x"));
        store.put(inbox, "tab\there.csv", text("x"));
        store.put(inbox, "back\\slash.csv", text("x"));
        Path local = work.resolve("inbox");

        Mirror.Moved moved = new Mirror(store, inbox, local, k -> true).pull(100);

        assertThat(Files.size(local.resolve("big.csv"))).isEqualTo(101);
        assertThat(moved.skippedNames()).isEqualTo(3);
        try (var files = Files.walk(work)) {
            assertThat(files.filter(Files::isRegularFile).map(p -> work.relativize(p).toString()))
                    .containsExactlyInAnyOrder("inbox/big.csv", ".mirror-inbox.tsv");
        }
    }

    @Test
    void aPushSendsOnlyTheFilesTheRunWroteOrChangedAndDeletesTheOnesItRemoved() throws Exception {
        ObjectLocation state = fresh("state");
        store.put(state, "ledger.tsv", text("one\n"));
        store.put(state, "staged/b1/part-0.parquet", text("rows"));
        Path local = work.resolve("state");
        Mirror mirror = new Mirror(store, state, local, k -> !k.equals(RemoteRunLock.NAME));
        mirror.pull(Long.MAX_VALUE - 1);

        Files.writeString(local.resolve("ledger.tsv"), "one\ntwo\n");
        Files.delete(local.resolve("staged/b1/part-0.parquet"));
        Files.createDirectories(local.resolve("staged/b2"));
        Files.writeString(local.resolve("staged/b2/part-0.parquet"), "new rows");
        Mirror.Moved up = mirror.push();

        assertThat(up.copied()).isEqualTo(2);
        assertThat(up.deleted()).isEqualTo(1);
        assertThat(store.list(state).stream().map(ObjectStore.Entry::key))
                .containsExactlyInAnyOrder("ledger.tsv", "staged/b2/part-0.parquet");
        assertThat(new String(store.read(state, "ledger.tsv", 100).orElseThrow().bytes(), StandardCharsets.UTF_8))
                .isEqualTo("one\ntwo\n");
        // The next run on this machine downloads nothing: the record holds the versions it pushed.
        assertThat(new Mirror(store, state, local, k -> true).pull(Long.MAX_VALUE - 1).copied()).isZero();
    }

    @Test
    void aSecondRunAnywhereIsRefusedWhileTheLockIsHeldAndTakesItOverOnceTheLeaseExpired() throws Exception {
        ObjectLocation state = fresh("state");
        try (RemoteRunLock held = RemoteRunLock.acquire(store, state, Duration.ofMinutes(5))) {
            assertThatThrownBy(() -> RemoteRunLock.acquire(store, state, Duration.ofMinutes(5)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("another ETL run is in progress")
                    .hasMessageContaining("RUN-LOCK is held by").hasMessageContaining("pid " + ProcessHandle.current().pid());
        }
        // Released: the next run takes it at once.
        RemoteRunLock.acquire(store, state, Duration.ofMinutes(5)).close();

        // A run killed while holding it: its lease ran out an hour ago.
        store.put(state, RemoteRunLock.NAME, text("dead-host pid 1\t" + java.time.Instant.now().minusSeconds(3600) + "\n"));
        try (RemoteRunLock taken = RemoteRunLock.acquire(store, state, Duration.ofMinutes(5))) {
            assertThat(new String(store.read(state, RemoteRunLock.NAME, 1024).orElseThrow().bytes(), StandardCharsets.UTF_8))
                    .contains("pid " + ProcessHandle.current().pid());
        }
        assertThat(store.read(state, RemoteRunLock.NAME, 1024)).as("deleted when the run ends").isEmpty();
    }
}
