package id.slrt.bench.product;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the product's services as ./slrt start runs it: its runnable jar in a JVM of its own, on a free
 * loopback port, its output in a log file; stopped (SIGTERM, then killed) when closed or when this JVM
 * exits. The load bench's dashboard and the end-to-end tests' jobs service and dashboard.
 */
public final class ServiceProcess implements AutoCloseable {
    private final Process process;
    private final URI base;
    private final Path log;
    private final Thread stopAtExit;

    private ServiceProcess(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
        this.stopAtExit = new Thread(this::stop, "stop-" + log.getFileName());
        Runtime.getRuntime().addShutdownHook(stopAtExit);
    }

    /**
     * Starts {@code jar} with {@code args} after the port options; {@link #awaitHealthy} waits for it.
     *
     * @param name names the log file, {@code WORKDIR/NAME.log}
     */
    public static ServiceProcess start(String name, Path jar, Path workDir, Map<String, String> env, List<String> args) {
        int port = freePort();
        Path log = workDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-jar", jar.toAbsolutePath().toString(), "--server.port=" + port, "--server.address=127.0.0.1"));
        command.addAll(args);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
            builder.environment().putAll(env);
            return new ServiceProcess(builder.start(), URI.create("http://127.0.0.1:" + port), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** {@code path} on the service, e.g. {@code /actuator/health}; {@code /} is its base. */
    public URI url(String path) {
        return URI.create(base + path);
    }

    public long pid() {
        return process.pid();
    }

    /** Waits until {@code /actuator/health} answers 200. @throws IllegalStateException when it does not in time */
    public ServiceProcess awaitHealthy(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        HttpClient client = HttpClient.newHttpClient();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(log.getFileName() + ": the service stopped:\n" + tail());
            }
            try {
                HttpRequest request = HttpRequest.newBuilder(url("/actuator/health")).timeout(Duration.ofSeconds(2)).build();
                if (client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(log.getFileName() + ": no answer within " + limit + ":\n" + tail());
    }

    /**
     * Waits for a service that is expected to refuse to start. @return its exit code
     * @throws IllegalStateException when it is still running after {@code limit}
     */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(log.getFileName() + ": still running after " + limit + ":\n" + tail());
        }
        return process.exitValue();
    }

    /** The last lines of the service's output, for a failure message. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
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
            // A jobs service lets a running ETL finish its snapshot first.
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
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

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
