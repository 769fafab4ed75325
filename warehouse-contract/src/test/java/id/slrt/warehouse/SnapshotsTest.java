package id.slrt.warehouse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The snapshot protocol of docs/warehouse.md, "Layout": how writers publish and how readers find a snapshot. */
class SnapshotsTest {
    private static final Instant FIRST = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-01-02T00:00:00Z");

    @TempDir
    Path root;

    @Test
    void aSnapshotIsNamedAfterItsRunsUtcStartTime() {
        assertEquals("20260105T190000123Z", Snapshots.stamp(Instant.parse("2026-01-05T19:00:00.123Z")));
        assertEquals("snapshot-20260101T000000000Z", Snapshots.snapshotName(FIRST));
    }

    @Test
    void aSnapshotIsWrittenUnderAStagingNameAndInvisibleUntilPublished() throws Exception {
        Snapshots snapshots = new Snapshots(root);
        Snapshots.Staging staging = snapshots.begin(FIRST);
        assertEquals(root.resolve(".staging-snapshot-20260101T000000000Z"), staging.dir());
        Files.writeString(Path.of(staging.table("visits_monthly")), "rows");

        assertEquals(Optional.empty(), snapshots.current());
        assertInstanceOf(Current.Missing.class, snapshots.resolveCurrent());

        Path published = snapshots.publish(staging);
        assertEquals(root.resolve(staging.name()), published);
        assertEquals(Optional.of(staging.name()), snapshots.current());
        assertEquals(new Current.Found(staging.name(), published), snapshots.resolveCurrent());
        assertEquals("rows", Files.readString(published.resolve("visits_monthly")));
        assertFalse(Files.exists(staging.dir()), "the staging folder was renamed");
    }

    @Test
    void aRunThatDiesLeavesCurrentOnThePreviousSnapshot() throws Exception {
        Snapshots snapshots = new Snapshots(root);
        String first = snapshots.publish(snapshots.begin(FIRST)).getFileName().toString();
        Snapshots.Staging dying = snapshots.begin(SECOND);
        Files.writeString(dying.dir().resolve("half"), "half");

        assertEquals(Optional.of(first), snapshots.current());
        assertEquals(first, ((Current.Found) snapshots.resolveCurrent()).name());
    }

    @Test
    void anAbandonedSnapshotLeavesNoStagingFolderBehind() {
        Snapshots snapshots = new Snapshots(root);
        String first = snapshots.publish(snapshots.begin(FIRST)).getFileName().toString();
        snapshots.abandon(snapshots.begin(SECOND));

        assertEquals(Set.of(Snapshots.CURRENT, first), Set.of(root.toFile().list()));
        assertEquals(Optional.of(first), snapshots.current());
    }

    @Test
    void aReaderNeverResolvesCurrentToAStagingFolderOrAFolderOutsideTheWarehouse() throws Exception {
        Snapshots snapshots = new Snapshots(root);
        Snapshots.Staging staging = snapshots.begin(FIRST);
        Files.createDirectories(root.resolveSibling("elsewhere"));

        for (String name : List.of(staging.dir().getFileName().toString(), "../elsewhere", "snapshot-missing", "")) {
            Files.writeString(root.resolve(Snapshots.CURRENT), name + "\n");
            assertInstanceOf(Current.Missing.class, snapshots.resolveCurrent(), name);
        }
    }

    @Test
    void aReaderIsToldWhyThereIsNoSnapshot() throws Exception {
        Snapshots snapshots = new Snapshots(root);
        assertEquals(new Current.Missing("No " + root.resolve("CURRENT") + ": the ETL has not published a snapshot yet"),
                snapshots.resolveCurrent());
        Files.writeString(root.resolve(Snapshots.CURRENT), "  \n");
        assertEquals(new Current.Missing(root.resolve("CURRENT") + " is empty"), snapshots.resolveCurrent());
    }

    @Test
    void currentIsReplacedAtomicallySoAReaderAlwaysFindsAWholePublishedSnapshot() throws Exception {
        Snapshots snapshots = new Snapshots(root);
        snapshots.publish(snapshots.begin(FIRST));
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Set<String> torn = ConcurrentHashMap.newKeySet();
        AtomicBoolean publishing = new AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().start(() -> {
            while (publishing.get()) {
                switch (new Snapshots(root).resolveCurrent()) {
                    case Current.Found found -> seen.add(found.name());
                    case Current.Missing missing -> torn.add(missing.problem());
                }
            }
        });
        for (int i = 1; i <= 40; i++) {
            Snapshots.Staging staging = snapshots.begin(SECOND.plusSeconds(i));
            Files.writeString(staging.dir().resolve("table"), "run " + i);
            snapshots.publish(staging);
        }
        publishing.set(false);
        reader.join();

        assertEquals(Set.of(), torn, "the reader always found CURRENT whole, naming a published folder");
        assertFalse(seen.isEmpty());
        assertTrue(seen.stream().allMatch(name -> name.startsWith(Snapshots.SNAPSHOT_PREFIX)));
        assertFalse(Files.exists(root.resolve("CURRENT.tmp")));
    }

    @Test
    void cleanUpKeepsTheNewestAndTheCurrentAndRemovesStagingLeftovers() {
        Snapshots snapshots = new Snapshots(root);
        String last = null;
        for (int day = 1; day <= 4; day++) {
            last = snapshots.publish(snapshots.begin(Instant.parse("2026-01-0" + day + "T00:00:00Z")))
                    .getFileName().toString();
        }
        snapshots.begin(Instant.parse("2026-01-09T00:00:00Z"));

        List<String> removed = snapshots.cleanUp(2);

        assertEquals(3, removed.size());
        assertEquals(Set.of("CURRENT", last, "snapshot-20260103T000000000Z"), Set.of(root.toFile().list()));
    }

    @Test
    void cleanUpNeverRemovesTheCurrentSnapshotEvenWhenItIsNotTheNewest() {
        Snapshots snapshots = new Snapshots(root);
        String first = snapshots.publish(snapshots.begin(FIRST)).getFileName().toString();
        snapshots.publish(snapshots.begin(SECOND));
        snapshots.switchCurrent(first);

        snapshots.cleanUp(1);

        assertEquals(Optional.of(first), snapshots.current());
        assertTrue(Files.isDirectory(root.resolve(first)));
    }
}
