package id.slrt.dashboard.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import id.slrt.dashboard.warehouse.Snapshot;
import id.slrt.dashboard.warehouse.Warehouse;

/**
 * The demo profile's users ({@code slrt.security.demo: true}) have a password printed in the README, so
 * they may exist only where nobody else can reach them and nothing real can be seen: on a loopback
 * address and over the sample data of {@code ./slrt generate} (the snapshot's {@code sample} flag).
 *
 * <p>At start: the dashboard refuses to start on another address, or when the current snapshot is not
 * the sample data. While running: once a published snapshot is not the sample data, every demo sign-in
 * is refused from then on (until a restart, which then refuses to start), and that is audited; the
 * screens' sessions signed in before end at their next request ({@link SecurityConfig}).
 */
@Component
public class DemoUsers {

    private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

    private final boolean active;
    private final Warehouse warehouse;
    private final AuditLog audit;
    /** The snapshot that closed the demo sign-ins; null while they are open. */
    private volatile String closedBy;

    public DemoUsers(SecurityProperties properties, Environment environment, Warehouse warehouse, AuditLog audit) {
        this.active = properties.demo();
        this.warehouse = warehouse;
        this.audit = audit;
        if (!active) {
            return;
        }
        String address = environment.getProperty("server.address");
        if (!loopback(address)) {
            throw new UnsafeSetup(
                    "Pengguna demo (kata sandi slrt-demo) hanya boleh di alamat loopback, tetapi server.address = "
                            + (address == null ? "(semua alamat)" : address) + ".",
                    "The demo users (password slrt-demo) are allowed on a loopback address only, but server.address = "
                            + (address == null ? "(every address)" : address) + ".",
                    "Gunakan server.address=127.0.0.1 untuk demo. / Use server.address=127.0.0.1 for the demo.\n"
                            + UnsafeSetup.CONFIGURE);
        }
        Optional<Snapshot> current = warehouse.currentSnapshot();
        if (current.isPresent() && !warehouse.isSampleData(current.get())) {
            throw new UnsafeSetup(
                    "Pengguna demo (kata sandi slrt-demo) hanya boleh dengan data contoh, tetapi snapshot "
                            + current.get().name() + " bukan data contoh ./slrt generate.",
                    "The demo users (password slrt-demo) are allowed with the sample data only, but snapshot "
                            + current.get().name() + " is not the sample data of ./slrt generate.",
                    UnsafeSetup.CONFIGURE);
        }
        log.warn("Demo users active (password slrt-demo) on {}: for the sample data only", address);
    }

    /** Whether the users are the demo's. */
    public boolean active() {
        return active;
    }

    /**
     * Throws {@link DemoSignInsClosed} when demo users may no longer sign in: the snapshot served now
     * (or an earlier one) is not the sample data. Does nothing outside the demo.
     */
    public void checkSignInsOpen() {
        if (!active) {
            return;
        }
        if (closedBy == null) {
            warehouse.currentSnapshot().filter(s -> !warehouse.isSampleData(s)).ifPresent(this::close);
        }
        if (closedBy != null) {
            throw new DemoSignInsClosed(closedBy);
        }
    }

    /**
     * Whether a demo user's earlier sign-in (a screen's session) may go on: not once the demo users
     * are switched off, so nobody signed in with the published password sees real data.
     */
    public boolean sessionsAllowed() {
        try {
            checkSignInsOpen();
            return true;
        } catch (DemoSignInsClosed e) {
            return false;
        }
    }

    private synchronized void close(Snapshot snapshot) {
        if (closedBy == null) {
            closedBy = snapshot.name();
            log.error("Snapshot {} is not the sample data: demo users may no longer sign in. {}", snapshot.name(),
                    UnsafeSetup.CONFIGURE);
            audit.demoClosed(snapshot.name());
        }
    }

    static boolean loopback(String address) {
        if (address == null || address.isBlank()) {
            return false; // Spring's default: every interface
        }
        try {
            // Literal addresses only are looked up without DNS; a name such as "localhost" resolves locally.
            return InetAddress.getByName(address.strip()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
