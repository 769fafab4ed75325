package id.slrt.bench.load;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * CPU time of the dashboard's process, of this JVM (the simulated users' HTTP clients, and Spark in the
 * ETL phase) and of the rest of the machine over a phase: on 2 shared cores, whether the dashboard had the
 * CPU to itself explains a p95 better than the p95 alone.
 */
final class CpuMeter {
    private final ProcessHandle dashboard;
    private final long startNanos = System.nanoTime();
    private final long dashboardStart;
    private final long benchStart;
    private final long[] machineStart;

    CpuMeter(long dashboardPid) {
        this.dashboard = ProcessHandle.of(dashboardPid).orElse(null);
        this.dashboardStart = dashboardCpu();
        this.benchStart = benchCpu();
        this.machineStart = machineTicks();
    }

    /**
     * "CPU over 61 s, average cores busy: dashboard 1.17, this JVM 0.13, other processes 0.52, idle 0.18 (of 2
     * cores); dashboard CPU per user action 42 ms": the machine's share from /proc/stat (Linux; left out
     * elsewhere).
     */
    String summary(int actions) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        double dashboardSeconds = (dashboardCpu() - dashboardStart) / 1e9;
        double dashboardCores = dashboardSeconds / seconds;
        double benchCores = (benchCpu() - benchStart) / 1e9 / seconds;
        int cores = Runtime.getRuntime().availableProcessors();
        String text = String.format(Locale.ROOT, "CPU over %.0f s, average cores busy: dashboard %.2f, this JVM %.2f",
                seconds, dashboardCores, benchCores);
        long[] machineEnd = machineTicks();
        if (machineStart != null && machineEnd != null && machineEnd[0] > machineStart[0]) {
            double busyShare = (double) (machineEnd[1] - machineStart[1]) / (machineEnd[0] - machineStart[0]);
            double others = Math.max(0, busyShare * cores - dashboardCores - benchCores);
            text += String.format(Locale.ROOT, ", other processes %.2f, idle %.2f", others, (1 - busyShare) * cores);
        }
        return text + String.format(Locale.ROOT, " (of %d cores); dashboard CPU per user action %.0f ms", cores,
                dashboardSeconds * 1000 / Math.max(1, actions));
    }

    /** {all ticks, busy ticks} of the machine from /proc/stat's first line, or null. */
    private static long[] machineTicks() {
        try {
            String[] f = java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) { // user nice system idle iowait irq softirq steal
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[]{total, total - idle};
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private long dashboardCpu() {
        return dashboard == null ? 0 : dashboard.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long benchCpu() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

}
