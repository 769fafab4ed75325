package id.slrt.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * nginx from Debian's packages ({@code ./slrt} installs {@code nginx-light}) in front of the dashboard
 * instances, with the configuration of docs/cluster.md ({@code nginx/dashboards.conf}): sticky by the
 * instances' {@code SLRT_ROUTE} cookie, failing over to the next instance. Its own prefix folder, config,
 * pid and logs under the bench's work folder; never the system's nginx service.
 */
final class ReverseProxy implements AutoCloseable {
    private final Process process;
    private final URI base;
    private final Path prefix;

    private ReverseProxy(Process process, URI base, Path prefix) {
        this.process = process;
        this.base = base;
        this.prefix = prefix;
    }

    /** @param instances name -> base URI of each dashboard instance */
    static ReverseProxy start(Path work, Map<String, URI> instances) throws IOException, InterruptedException {
        Path nginx = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(nginx)) {
            throw new IllegalStateException("/usr/sbin/nginx not found: ./slrt test and ./slrt bench load --instances 2"
                    + " install Debian's nginx-light; or apt-get install nginx-light");
        }
        Path prefix = Files.createDirectories(work.resolve("nginx"));
        for (String tmp : List.of("body", "proxy", "fastcgi", "uwsgi", "scgi")) {
            Files.createDirectories(prefix.resolve("tmp").resolve(tmp));
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StringBuilder routes = new StringBuilder();
        StringBuilder servers = new StringBuilder();
        StringBuilder stickies = new StringBuilder();
        List<String> names = new ArrayList<>(instances.keySet());
        for (String name : names) {
            URI uri = instances.get(name);
            String address = uri.getHost() + ":" + uri.getPort();
            routes.append("    ").append(name).append(" slrt_").append(name).append(";\n");
            servers.append("    server ").append(address).append(" max_fails=1 fail_timeout=10s;\n");
            stickies.append("  upstream slrt_").append(name).append(" {\n    server ").append(address)
                    .append(" max_fails=1 fail_timeout=10s;\n");
            for (String other : names) {
                if (!other.equals(name)) {
                    URI o = instances.get(other);
                    stickies.append("    server ").append(o.getHost()).append(':').append(o.getPort()).append(" backup;\n");
                }
            }
            stickies.append("  }\n");
        }
        String template;
        try (InputStream in = ReverseProxy.class.getResourceAsStream("/nginx/dashboards.conf")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> values = new LinkedHashMap<>();
        // As root, nginx's workers would switch to nobody, who cannot write the prefix's temp folders.
        values.put("{{user}}", "root".equals(System.getProperty("user.name")) ? "user root;" : "");
        values.put("{{prefix}}", prefix.toAbsolutePath().toString());
        values.put("{{routes}}", routes.toString().stripTrailing());
        values.put("{{servers}}", servers.toString().stripTrailing());
        values.put("{{stickies}}", stickies.toString().stripTrailing());
        values.put("{{port}}", String.valueOf(port));
        for (var e : values.entrySet()) {
            template = template.replace(e.getKey(), e.getValue());
        }
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, template, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(nginx.toString(), "-p", prefix.toString(), "-c", conf.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("nginx.out").toFile()).start();
        ReverseProxy proxy = new ReverseProxy(process, URI.create("http://127.0.0.1:" + port + "/"), prefix);
        proxy.awaitListening(port, Duration.ofSeconds(20));
        return proxy;
    }

    private void awaitListening(int port, Duration limit) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nginx stopped: " + Files.readString(prefix.resolve("nginx.out"))
                        + (Files.exists(prefix.resolve("error.log")) ? Files.readString(prefix.resolve("error.log")) : ""));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("nginx did not listen on " + port + " within " + limit);
    }

    URI base() {
        return base;
    }

    Path prefix() {
        return prefix;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
