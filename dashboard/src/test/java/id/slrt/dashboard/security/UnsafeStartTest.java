package id.slrt.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import id.slrt.dashboard.DashboardApplication;
import id.slrt.dashboard.testing.WarehouseFixture;

/**
 * The dashboard as {@code java -jar} starts it, with the settings that must not start: demo users on a
 * public address or over real data, and, outside the demo, nobody who can sign in or a user with the
 * demo's password. Each refusal says what is wrong and how to configure users or OpenID Connect.
 */
@Order(2) // no Spring test context of its own; run with the other own-context classes (junit-platform.properties)
class UnsafeStartTest {

    @TempDir
    Path dir;

    @Test
    void demoUsersOnAnAddressOtherThanLoopbackDoNotStart() {
        UnsafeSetup refused = refusedToStart(List.of("demo"), WarehouseFixture.build(dir.resolve("warehouse")),
                "--server.address=0.0.0.0");
        assertThat(refused.getMessage()).contains("hanya boleh di alamat loopback").contains("loopback address only")
                .contains("0.0.0.0");
        assertHowToConfigure(refused);
    }

    @Test
    void demoUsersOverASnapshotThatIsNotSampleDataDoNotStart() {
        Path warehouse = dir.resolve("warehouse");
        WarehouseFixture.publish(warehouse, WarehouseFixture.SNAPSHOT, WarehouseFixture.ALL, false);
        UnsafeSetup refused = refusedToStart(List.of("demo"), warehouse);
        assertThat(refused.getMessage()).contains("bukan data contoh").contains("is not the sample data")
                .contains(WarehouseFixture.SNAPSHOT);
        assertHowToConfigure(refused);
    }

    @Test
    void withoutUsersAndWithoutOpenIdConnectItDoesNotStart() {
        // Only the packaged configuration: not the test user of src/test/resources/config/application.yml.
        UnsafeSetup refused = refusedToStart(List.of(), WarehouseFixture.build(dir.resolve("warehouse")),
                "--spring.config.location=classpath:/application.yml");
        assertThat(refused.getMessage()).contains("Tidak ada yang dapat masuk").contains("Nobody can sign in")
                .contains("no default password");
        assertHowToConfigure(refused);
    }

    @Test
    void aUserWithTheDemoPasswordOutsideTheDemoDoesNotStart() {
        // As if application-demo.yml's admin had been copied into a production configuration.
        UnsafeSetup refused = refusedToStart(List.of(), WarehouseFixture.build(dir.resolve("warehouse")),
                "--slrt.security.users[0].username=ops", "--slrt.security.users[0].role=ADMIN",
                "--slrt.security.users[0].password={bcrypt}" + SignInSetup.DEMO_HASH);
        assertThat(refused.getMessage()).contains("Pengguna ops memakai kata sandi demo").contains("User ops has the demo password");
    }

    private static void assertHowToConfigure(UnsafeSetup refused) {
        FailureAnalysis analysis = new UnsafeSetupAnalyzer().analyze(refused);
        assertThat(analysis.getDescription()).isEqualTo(refused.getMessage());
        assertThat(analysis.getAction()).contains("slrt.security.users").contains("OpenID Connect")
                .contains("Atur pengguna").contains("Configure your own users");
    }

    private UnsafeSetup refusedToStart(List<String> profiles, Path warehouse, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--slrt.warehouse=" + warehouse,
                "--slrt.security.audit-log=" + dir.resolve("audit.log"), "--spring.main.banner-mode=off"));
        args.addAll(List.of(more));
        Throwable thrown = catchThrowable(() -> {
            try (ConfigurableApplicationContext started = new SpringApplicationBuilder(DashboardApplication.class)
                    .profiles(profiles.toArray(String[]::new)).run(args.toArray(String[]::new))) {
                throw new AssertionError("the dashboard started: " + started.getId());
            }
        });
        Throwable cause = thrown;
        while (cause != null && !(cause instanceof UnsafeSetup)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("why it did not start: %s", thrown).isInstanceOf(UnsafeSetup.class);
        return (UnsafeSetup) cause;
    }
}
