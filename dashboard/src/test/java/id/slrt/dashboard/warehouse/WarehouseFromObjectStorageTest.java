package id.slrt.dashboard.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import id.slrt.dashboard.testing.JobsApiDouble;
import id.slrt.dashboard.testing.Oracle;
import id.slrt.dashboard.testing.ServerTest;
import id.slrt.dashboard.testing.SharedWarehouse;
import id.slrt.dashboard.testing.WarehouseFixture;
import id.slrt.warehouse.Snapshots;
import id.slrt.warehouse.objects.ObjectLocation;
import id.slrt.warehouse.objects.ObjectStore;
import id.slrt.warehouse.objects.RemoteSnapshots;
import id.slrt.warehouse.objects.S3ProxyServer;

/**
 * A dashboard instance whose warehouse is on object storage (a real S3Proxy): it starts with an empty local
 * folder, fetches the snapshot the store's {@code CURRENT} names, serves its numbers, follows a switch, and
 * keeps serving its copy when a new snapshot on the store is damaged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "slrt.warehouse-fetch-every=1h") // the test calls fetch() itself
@ActiveProfiles("demo")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WarehouseFromObjectStorageTest {
    private static final String BUCKET = "slrt-dashboards";
    private static final String NEXT = "snapshot-20190116T020000000Z";
    private static final String DAMAGED = "snapshot-20190117T020000000Z";
    private static Path dir;
    private static S3ProxyServer s3;
    private static ObjectStore store;
    private static RemoteSnapshots remote;

    @LocalServerPort
    int port;
    @Autowired
    WarehouseFetcher fetcher;
    @Autowired
    Warehouse warehouse;

    @DynamicPropertySource
    static void aStoreWithTheFixtureSnapshot(DynamicPropertyRegistry registry) throws Exception {
        dir = Files.createTempDirectory("slrt-objects-");
        s3 = S3ProxyServer.start(dir, BUCKET);
        s3.configureThisJvm();
        store = ObjectStore.fromEnvironment();
        remote = new RemoteSnapshots(store, ObjectLocation.parse("s3://" + BUCKET + "/slrt/warehouse"));
        remote.publish(SharedWarehouse.standard().resolve(WarehouseFixture.SNAPSHOT));
        registry.add("slrt.warehouse", () -> dir.resolve("local-copy").toString());
        registry.add("slrt.warehouse-source", () -> "s3a://" + BUCKET + "/slrt/warehouse");
        registry.add("slrt.security.audit-log", () -> dir.resolve("audit.log").toString());
        registry.add("slrt.jobs.url", () -> JobsApiDouble.instance().url());
        registry.add("slrt.jobs.api-token", () -> JobsApiDouble.TOKEN);
    }

    @AfterAll
    static void stop() {
        store.close();
        s3.close();
    }

    @Test
    @Order(1)
    void anInstanceStartsWithTheStoresCurrentSnapshotAndServesItsNumbers() throws Exception {
        assertThat(new Snapshots(dir.resolve("local-copy")).current()).contains(WarehouseFixture.SNAPSHOT);
        HttpResponse<String> visits = get("/api/v1/visits/monthly?district=3404&year=2018", "kadis-sleman");
        assertThat(visits.statusCode()).isEqualTo(200);
        assertThat(sum(visits.body())).isPositive().isEqualTo(Oracle.number(SharedWarehouse.standard(),
                "SELECT sum(visits) FROM {visits_monthly} WHERE year = 2018 AND district_code = '3404'"));
        assertThat(get("/actuator/health", "admin").body()).contains("\"warehouseSource\"")
                .contains("\"source\":\"s3://" + BUCKET + "/slrt/warehouse\"")
                .contains("\"lastFetched\":\"" + WarehouseFixture.SNAPSHOT + "\"");
    }

    @Test
    @Order(2)
    void aSwitchOnTheStoreIsFollowedAtTheNextLook() throws Exception {
        remote.publish(copyAs(NEXT));
        fetcher.fetch();
        assertThat(warehouse.currentSnapshot()).map(Snapshot::name).contains(NEXT);
        assertThat(get("/actuator/health", "admin").body()).contains("\"snapshot\":\"" + NEXT + "\"");
    }

    @Test
    @Order(3)
    void aDamagedSnapshotOnTheStoreIsRefusedAndTheCopyStaysServed() throws Exception {
        remote.publish(copyAs(DAMAGED));
        Path blob;
        try (Stream<Path> files = Files.walk(s3.bucketDir(BUCKET).resolve("slrt/warehouse").resolve(DAMAGED).resolve("visits_monthly"))) {
            blob = files.filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);

        fetcher.fetch();

        assertThat(warehouse.currentSnapshot()).map(Snapshot::name).contains(NEXT);
        String health = get("/actuator/health", "admin").body();
        assertThat(health).contains("\"lastError\"").contains("does not match its manifest's SHA-256")
                .contains("\"snapshot\":\"" + NEXT + "\"");
        HttpResponse<String> visits = get("/api/v1/visits/monthly?district=3404&year=2018", "kadis-sleman");
        assertThat(visits.statusCode()).isEqualTo(200);
        try (Stream<Path> left = Files.list(dir.resolve("local-copy"))) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(Snapshots.STAGING_PREFIX));
        }
    }

    /** The fixture's snapshot under another name, as the ETL's next run would publish it. */
    private static Path copyAs(String name) throws Exception {
        Path copy = dir.resolve("published").resolve(name);
        Path source = SharedWarehouse.standard().resolve(WarehouseFixture.SNAPSHOT);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path target = copy.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        return copy;
    }

    private static long sum(String json) {
        return Pattern.compile("\"visits\":(\\d+)").matcher(json).results().mapToLong(m -> Long.parseLong(m.group(1))).sum();
    }

    private HttpResponse<String> get(String path, String user) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + ServerTest.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8))).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
    }

}
