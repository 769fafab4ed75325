package id.slrt.bench.etl;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The size of the work folder (exports, Spark's warehouse and state, DuckDB's database, temp files and
 * output) sampled about every second by a background thread, with its time; and the JVM heap used at the
 * same moments. The peak of any time window (a stage of a run) is read afterwards. When a walk of the
 * folder takes long (many files), the thread waits five times as long before the next one, so that it
 * never takes more than a sixth of a core.
 */
final class WorkDisk implements AutoCloseable {
    record Sample(long millis, long bytes, long heap) {
    }

    private final Path folder;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread sampler;
    private volatile boolean running = true;

    WorkDisk(Path folder) {
        this.folder = folder;
        sampler = Thread.ofPlatform().daemon().name("bench-disk").start(() -> {
            while (running) {
                long t = System.nanoTime();
                sample();
                long tookMillis = (System.nanoTime() - t) / 1_000_000;
                try {
                    Thread.sleep(Math.max(1000 - tookMillis, tookMillis * 5));
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Takes a sample now (also at the end of each stage, so that short stages have one). */
    void sample() {
        long bytes = size(folder);
        Runtime r = Runtime.getRuntime();
        Sample s = new Sample(System.currentTimeMillis(), bytes, r.totalMemory() - r.freeMemory());
        synchronized (samples) {
            samples.add(s);
        }
    }

    /** Peak bytes on disk from {@code fromMillis} to {@code toMillis} (a sample at or after the end counts). */
    long peakBytes(long fromMillis, long toMillis) {
        return peak(fromMillis, toMillis, true);
    }

    /** Peak heap used at the disk samples of the window (coarse: PeakMemory samples every 20 ms). */
    long peakHeap(long fromMillis, long toMillis) {
        return peak(fromMillis, toMillis, false);
    }

    private long peak(long fromMillis, long toMillis, boolean bytes) {
        long max = 0;
        boolean after = false;
        synchronized (samples) {
            for (Sample s : samples) {
                if (s.millis() >= fromMillis && (s.millis() <= toMillis || !after)) {
                    max = Math.max(max, bytes ? s.bytes() : s.heap());
                    after |= s.millis() > toMillis;
                }
            }
        }
        return max;
    }

    /** Peak over the whole bench. */
    long peakBytes() {
        return peakBytes(0, Long.MAX_VALUE);
    }

    static long size(Path folder) {
        long[] total = {0};
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    total[0] += attributes.size();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // a file deleted while walking
                }
            });
        } catch (IOException e) {
            // the folder is gone (deleted at the end)
        }
        return total[0];
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
