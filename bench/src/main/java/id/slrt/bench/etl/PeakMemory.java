package id.slrt.bench.etl;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples the JVM's used heap every 20 ms and keeps the peak since the last {@link #reset()}; and reads
 * the process's peak resident memory (VmHWM, which includes DuckDB's native memory) from /proc.
 */
final class PeakMemory implements AutoCloseable {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final Thread sampler;
    private volatile boolean running = true;
    private long peakHeap;

    PeakMemory() {
        sampler = Thread.ofPlatform().daemon().name("bench-memory").start(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** Collects garbage (so every step starts alike) and starts a new peak. */
    synchronized void reset() {
        System.gc();
        peakHeap = memory.getHeapMemoryUsage().getUsed();
    }

    /** @return the peak heap used since the last reset, in bytes */
    synchronized long peakHeap() {
        sample();
        return peakHeap;
    }

    private synchronized void sample() {
        peakHeap = Math.max(peakHeap, memory.getHeapMemoryUsage().getUsed());
    }

    /** @return the process's peak resident set so far in bytes, 0 when unknown (not Linux) */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
