package id.slrt.warehouse.objects;

import id.slrt.warehouse.Snapshots;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot protocol on a real S3-compatible server (S3Proxy): publish, switch, fetch, refuse, clean up. */
class RemoteSnapshotsTest {
    private static final String BUCKET = "slrt-test";
    private static final long MAX = RemoteSnapshots.DEFAULT_MAX_SNAPSHOT_BYTES;

    @TempDir
    static Path serverDir;
    static S3ProxyServer server;
    static ObjectStore store;

    @TempDir
    Path work;
    RemoteSnapshots remote;
    Path written;
    Path readerCopy;

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

    @BeforeEach
    void aWarehouseOfItsOwn() {
        // Each test its own prefix in the one bucket: prefixes are what keep tenants apart on a shared store.
        remote = new RemoteSnapshots(store, ObjectLocation.parse("s3a://" + BUCKET + "/t-" + UUID.randomUUID() + "/warehouse/"));
        written = work.resolve("writer");
        readerCopy = work.resolve("reader");
    }

    private Path snapshot(Instant at, String content) throws Exception {
        Snapshots local = new Snapshots(written);
        Snapshots.Staging staging = local.begin(at);
        Files.createDirectories(staging.dir().resolve("visits_monthly"));
        Files.writeString(staging.dir().resolve("visits_monthly/part-0.parquet"), content);
        Files.writeString(staging.dir().resolve("visits_monthly/.part-0.parquet.crc"), "crc");
        Files.writeString(staging.dir().resolve("visits_monthly/_SUCCESS"), ""); // an empty object has no byte range
        Files.createDirectories(staging.dir().resolve("staged/kind=visit"));
        Files.writeString(staging.dir().resolve("staged/kind=visit/part-1.parquet"), content + content);
        return local.publish(staging);
    }

    @Test
    void aPublishedSnapshotIsFetchedByteForByteAndBecomesTheReadersCurrent() throws Exception {
        Path first = snapshot(Instant.parse("2026-01-01T00:00:00Z"), "first");
        remote.publish(first);

        assertEquals(Optional.of(first.getFileName().toString()), remote.current());
        assertEquals(Optional.of(first.getFileName().toString()), remote.fetch(readerCopy, MAX));
        Path copy = readerCopy.resolve(first.getFileName());
        assertEquals("first", Files.readString(copy.resolve("visits_monthly/part-0.parquet")));
        assertEquals("firstfirst", Files.readString(copy.resolve("staged/kind=visit/part-1.parquet")));
        assertFalse(Files.exists(copy.resolve("visits_monthly/.part-0.parquet.crc")), "checksum files stay behind");
        assertEquals(0, Files.size(copy.resolve("visits_monthly/_SUCCESS")));
        assertEquals(Optional.of(first.getFileName().toString()), new Snapshots(readerCopy).current());
        assertEquals(Optional.empty(), remote.fetch(readerCopy, MAX), "nothing to fetch while CURRENT is unchanged");
    }

    @Test
    void aWriterThatDiesBeforeTheSwitchLeavesReadersOnThePreviousSnapshot() throws Exception {
        Path first = snapshot(Instant.parse("2026-01-01T00:00:00Z"), "first");
        remote.publish(first);
        remote.fetch(readerCopy, MAX);
        // The second writer uploads its files and even its manifest, then dies before switching CURRENT.
        Path second = snapshot(Instant.parse("2026-01-02T00:00:00Z"), "second");
        ObjectLocation half = remote.location().child(second.getFileName().toString());
        store.put(half, "visits_monthly/part-0.parquet", second.resolve("visits_monthly/part-0.parquet"));

        assertEquals(Optional.of(first.getFileName().toString()), remote.current());
        assertEquals(Optional.empty(), remote.fetch(readerCopy, MAX));
        assertEquals(Optional.of(first.getFileName().toString()), new Snapshots(readerCopy).current());

        remote.publish(second); // the rerun
        assertEquals(Optional.of(second.getFileName().toString()), remote.fetch(readerCopy, MAX));
        assertEquals("second", Files.readString(readerCopy.resolve(second.getFileName()).resolve("visits_monthly/part-0.parquet")));
    }

    @Test
    void aDamagedObjectIsRefusedAndTheReaderKeepsServingItsCopy() throws Exception {
        Path first = snapshot(Instant.parse("2026-01-01T00:00:00Z"), "first");
        remote.publish(first);
        remote.fetch(readerCopy, MAX);
        Path second = snapshot(Instant.parse("2026-01-02T00:00:00Z"), "secnd");
        remote.publish(second);
        // Same length, other bytes: only the manifest's SHA-256 can tell.
        Path blob = server.bucketDir(BUCKET).resolve(remote.location().child(second.getFileName().toString())
                .key("visits_monthly/part-0.parquet"));
        assertTrue(Files.isRegularFile(blob), "S3Proxy keeps an object as a file: " + blob);
        Files.writeString(blob, "forge");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> remote.fetch(readerCopy, MAX));
        assertTrue(refused.getMessage().contains("does not match its manifest's SHA-256"), refused.getMessage());
        assertEquals(Optional.of(first.getFileName().toString()), new Snapshots(readerCopy).current());
        try (var left = Files.list(readerCopy)) {
            assertEquals(List.of("CURRENT", first.getFileName().toString()),
                    left.map(p -> p.getFileName().toString()).sorted().toList(), "no staging folder stays behind");
        }
    }

    @Test
    void hostilePointersAndManifestsAreRefusedWithTheirReason() throws Exception {
        Path first = snapshot(Instant.parse("2026-01-01T00:00:00Z"), "first");
        remote.publish(first);
        String name = first.getFileName().toString();
        ObjectLocation at = remote.location();

        store.put(at, Snapshots.CURRENT, "../../etc\n".getBytes(StandardCharsets.UTF_8));
        assertRefused("is no snapshot name");
        store.put(at, Snapshots.CURRENT, ("snapshot-" + "9".repeat(400)).getBytes(StandardCharsets.UTF_8));
        assertRefused("more than the 256 it may");

        store.put(at, Snapshots.CURRENT, (name + "\n").getBytes(StandardCharsets.UTF_8));
        ObjectLocation inside = at.child(name);
        String sha = "0".repeat(64);
        store.put(inside, RemoteSnapshots.MANIFEST, ("slrt-snapshot-manifest 1\n" + sha + " 5 ../../../outside\nend 1\n")
                .getBytes(StandardCharsets.UTF_8));
        assertRefused("cannot be a snapshot file");
        store.put(inside, RemoteSnapshots.MANIFEST, ("slrt-snapshot-manifest 1\n" + sha + " 5 visits_monthly/part-0.parquet\n")
                .getBytes(StandardCharsets.UTF_8));
        assertRefused("cut short");
        store.put(inside, RemoteSnapshots.MANIFEST, ("slrt-snapshot-manifest 1\n" + sha + " 9999999999 a.parquet\nend 1\n")
                .getBytes(StandardCharsets.UTF_8));
        assertRefused("more than " + MAX + " bytes");
        store.put(inside, RemoteSnapshots.MANIFEST, ("slrt-snapshot-manifest 1\n" + sha + " 9 visits_monthly/part-0.parquet\nend 1\n")
                .getBytes(StandardCharsets.UTF_8));
        assertRefused("fewer bytes than its manifest's 9");

        assertFalse(Files.exists(work.resolve("outside")));
        assertEquals(Optional.empty(), new Snapshots(readerCopy).current(), "nothing was published locally");
    }

    private void assertRefused(String reason) {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> remote.fetch(readerCopy, MAX));
        assertTrue(refused.getMessage().contains(reason), refused.getMessage());
    }

    @Test
    void cleanUpKeepsCurrentAndTheNewestAndRemovesWhatDeadWritersLeft() throws Exception {
        Path[] published = new Path[4];
        for (int i = 0; i < 4; i++) {
            published[i] = snapshot(Instant.parse("2026-01-0" + (i + 1) + "T00:00:00Z"), "s" + i);
            remote.publish(published[i]);
        }
        remote.switchCurrent(published[0].getFileName().toString()); // rolled back by hand to the oldest
        Path dead = snapshot(Instant.parse("2026-01-09T00:00:00Z"), "dead");
        store.put(remote.location().child(dead.getFileName().toString()), "visits_monthly/part-0.parquet",
                dead.resolve("visits_monthly/part-0.parquet"));

        List<String> removed = remote.cleanUp(2);

        assertEquals(List.of(published[1].getFileName().toString(), dead.getFileName().toString()), removed);
        List<String> left = store.list(remote.location()).stream().map(e -> e.key().split("/")[0]).distinct().sorted().toList();
        assertEquals(List.of(Snapshots.CURRENT, published[0].getFileName().toString(), published[2].getFileName().toString(),
                published[3].getFileName().toString()), left);
        assertEquals(Optional.of(published[0].getFileName().toString()), remote.fetch(readerCopy, MAX));
    }

    @Test
    void aConditionalWriteLetsOnlyOneWriterHoldAName() {
        ObjectLocation at = remote.location();
        assertTrue(store.putIfAbsent(at, "etl.lock", "a".getBytes(StandardCharsets.UTF_8)));
        assertFalse(store.putIfAbsent(at, "etl.lock", "b".getBytes(StandardCharsets.UTF_8)));
        ObjectStore.Read held = store.read(at, "etl.lock", 100).orElseThrow();
        assertArrayEquals("a".getBytes(StandardCharsets.UTF_8), held.bytes());
        assertFalse(store.replaceIfUnchanged(at, "etl.lock", "\"0000\"", "c".getBytes(StandardCharsets.UTF_8)));
        assertTrue(store.replaceIfUnchanged(at, "etl.lock", held.etag(), "d".getBytes(StandardCharsets.UTF_8)));
        assertArrayEquals("d".getBytes(StandardCharsets.UTF_8), store.read(at, "etl.lock", 100).orElseThrow().bytes());
    }
}
