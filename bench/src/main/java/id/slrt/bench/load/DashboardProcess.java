package id.slrt.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real dashboard, its runnable jar started as ./slrt start starts it (profile demo), on a free
 * loopback port, reading the given warehouse, its output in a log file; stopped (SIGTERM, then killed)
 * when closed or when the bench's JVM exits.
 */
final class DashboardProcess implements AutoCloseable {
    private final Process process;
    private final URI base;
    private final Path log;
    private final Thread stopAtExit;

    private DashboardProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
        this.stopAtExit = new Thread(this::stop, "stop-dashboard");
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /** Starts the jar; {@link #awaitHealthy} waits for it. */
    static DashboardProcess start(Path jar, Path warehouse, Path work) {
        int port = freePort();
        Path log = work.resolve("dashboard.log");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = List.of(java.toString(), "-jar", jar.toAbsolutePath().toString(),
                "--spring.profiles.active=demo",
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--slrt.warehouse=" + warehouse.toAbsolutePath(),
                "--slrt.security.audit-log=" + work.resolve("audit.log").toAbsolutePath());
        try {
            Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new DashboardProcess(process, URI.create("http://127.0.0.1:" + port + "/"), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    /** Waits for {@code /actuator/health} to answer 200. @throws IllegalStateException when it does not in time */
    void awaitHealthy(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        try (HttpClient client = Http.client(false)) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("actuator/health")).timeout(Duration.ofSeconds(2)).build();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the dashboard stopped (exit " + process.exitValue() + "):\n" + tail());
                }
                try {
                    if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the dashboard did not answer within " + limit.toSeconds() + " s:\n" + tail());
    }

    /** The last lines of the dashboard's output, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
            // the JVM is exiting: the hook runs stop() anyway
        }
    }

    /** A port nobody listens on now; the dashboard fails to start (and says so) if one takes it meanwhile. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on loopback", e);
        }
    }
}
