package id.slrt.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.h2.tools.Server;

import id.slrt.bench.product.ServiceProcess;

/**
 * The dashboards under load: one (on its own port, as before) or several side by side as docs/cluster.md
 * lays them out: each its own JVM and name ({@code slrt.instance.name}: a, b, ...), all over the same
 * warehouse folder, their audit log, sent mails and annotations in one database server (H2 in TCP mode,
 * started here), behind nginx ({@link ReverseProxy}) with sticky sessions.
 */
final class Instances implements AutoCloseable {
    /** What stopping one instance mid-run did to its users. */
    record Failover(String stopped, double atSeconds, int signedInAgain, int errorsAfter, Map<String, Integer> auditLogins,
                    int sessionsLost) {
        String describe() {
            return String.format(Locale.ROOT, "failover: instance %s stopped at +%.1f s of the main phase; %d user(s)"
                            + " found their session gone (%d request(s)) and signed in again on another instance; errors"
                            + " after the stop: %d; sign-ins in the shared audit log by instance: %s", stopped, atSeconds,
                    signedInAgain, sessionsLost, errorsAfter, auditLogins);
        }
    }

    private final List<ServiceProcess> dashboards;
    private final List<String> names;
    private final ReverseProxy proxy;
    private final Server database;
    private final String databaseUrl;
    private String stopped;
    private long stoppedAt;
    private int errorsAtStop;

    private Instances(List<ServiceProcess> dashboards, List<String> names, ReverseProxy proxy, Server database,
                      String databaseUrl) {
        this.dashboards = dashboards;
        this.names = names;
        this.proxy = proxy;
        this.database = database;
        this.databaseUrl = databaseUrl;
    }

    static Instances start(int count, Path jar, Path work, Path warehouse) throws IOException, InterruptedException {
        List<String> common = List.of("--spring.profiles.active=demo", "--slrt.warehouse=" + warehouse.toAbsolutePath());
        if (count == 1) {
            List<String> args = new ArrayList<>(common);
            args.add("--slrt.security.audit-log=" + work.resolve("audit.log").toAbsolutePath());
            return new Instances(List.of(ServiceProcess.start("dashboard", jar, work, Map.of(), args)), List.of(""),
                    null, null, null);
        }
        Server database;
        try {
            database = Server.createTcpServer("-tcpPort", "0", "-baseDir", Files.createDirectories(work.resolve("db")).toString(),
                    "-ifNotExists").start();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the H2 database server", e);
        }
        String url = "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/slrt";
        List<ServiceProcess> started = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Map<String, URI> backends = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = String.valueOf((char) ('a' + i));
            List<String> args = new ArrayList<>(common);
            args.addAll(List.of("--slrt.instance.name=" + name, "--slrt.instance.shared-state=database",
                    "--spring.datasource.url=" + url, "--server.forward-headers-strategy=native",
                    "--server.shutdown=graceful",
                    // Never used with shared-state database; kept apart so a fallback line would show whose it is.
                    "--slrt.security.audit-log=" + work.resolve("audit-" + name + ".log").toAbsolutePath()));
            ServiceProcess dashboard = ServiceProcess.start("dashboard-" + name, jar, work, Map.of(), args);
            started.add(dashboard);
            names.add(name);
            backends.put(name, dashboard.url("/"));
        }
        return new Instances(started, names, ReverseProxy.start(work, backends), database, url);
    }

    ServiceProcess first() {
        return dashboards.getFirst();
    }

    int size() {
        return dashboards.size();
    }

    /** Where users go: the proxy, or the one instance. */
    URI url() {
        return proxy == null ? first().url("/") : proxy.base();
    }

    String pids() {
        return dashboards.stream().map(d -> String.valueOf(d.pid())).collect(Collectors.joining(", "));
    }

    String describe() {
        return proxy == null ? "" : String.format(Locale.ROOT, "s: %d instances %s behind nginx (%s), shared state in %s",
                size(), names, proxy.prefix().resolve("nginx.conf"), databaseUrl);
    }

    void awaitHealthy(Duration limit) throws InterruptedException {
        for (ServiceProcess dashboard : dashboards) {
            dashboard.awaitHealthy(limit);
        }
    }

    /** Stops the last instance (SIGTERM: graceful, as a rolling restart) while its users go on. */
    void stopOne(Recorder recorder, Http http, PrintStream out) {
        ServiceProcess last = dashboards.getLast();
        stopped = names.getLast();
        stoppedAt = System.nanoTime() - recorder.startNanos();
        errorsAtStop = recorder.errors();
        http.instanceStopped();
        last.close();
        out.printf(Locale.ROOT, "  instance %s stopped at +%.1f s (its users go on through nginx)%n", stopped, stoppedAt / 1e9);
    }

    /** What the stop did, from the main phase's figures and the shared audit table; null with one instance. */
    Failover failover(Recorder main) {
        if (stopped == null) {
            return null;
        }
        Map<String, Integer> logins = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(databaseUrl, "sa", ""); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT instance, count(*) FROM audit_log WHERE event = 'LOGIN'"
                     + " GROUP BY instance ORDER BY instance")) {
            while (rows.next()) {
                logins.put(rows.getString(1), rows.getInt(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the shared audit log", e);
        }
        int lost = main.requests().entrySet().stream().filter(e -> e.getKey().endsWith("(session lost)"))
                .mapToInt(e -> (int) e.getValue().count()).sum();
        return new Failover(stopped, stoppedAt / 1e9, main.checks().getOrDefault("signed in again on another instance", 0),
                main.errors() - errorsAtStop, logins, lost);
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
        dashboards.forEach(ServiceProcess::close);
        if (database != null) {
            database.stop();
        }
    }
}
