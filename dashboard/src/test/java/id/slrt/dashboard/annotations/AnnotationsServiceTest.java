package id.slrt.dashboard.annotations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Consumer;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import id.slrt.dashboard.filters.Filters;
import id.slrt.dashboard.security.AccessDenied;
import id.slrt.dashboard.security.AuditLog;
import id.slrt.dashboard.security.SecurityProperties;

/**
 * Annotations on real databases: the embedded default of application.yml (an H2 file) across a restart,
 * an H2 server by configuration, and the region scope, bounds and audit of {@link AnnotationsService}.
 */
class AnnotationsServiceTest {

    @TempDir
    Path dir;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    /** The dashboard's database beans as application.yml configures them, with this URL. */
    private ApplicationContextRunner dashboard(String url) {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                        DataSourceInitializationAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class))
                .withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=sa",
                        "spring.sql.init.mode=always", "spring.sql.init.schema-locations=" + configured("schema-locations"))
                .withBean(AuditLog.class, () -> new AuditLog(new SecurityProperties(List.of(), auditLog(), false, null)))
                .withBean(AnnotationStore.class)
                .withBean(AnnotationsService.class);
    }

    private Path auditLog() {
        return dir.resolve("audit.log");
    }

    /** A value of the packaged application.yml's spring.datasource / spring.sql.init (read as text). */
    private static String configured(String key) {
        try (var in = AnnotationsServiceTest.class.getResourceAsStream("/application.yml")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip).toList();
            return lines.subList(lines.indexOf("datasource:"), lines.size()).stream()
                    .filter(l -> l.startsWith(key + ":")).findFirst().orElseThrow()
                    .substring(key.length() + 1).strip();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void signIn(String role, String region) {
        List<String> authorities = region == null ? List.of("ROLE_" + role) : List.of("ROLE_" + role, "REGION_" + region);
        SecurityContextHolder.getContext().setAuthentication(new TestingAuthenticationToken(
                role.toLowerCase() + (region == null ? "" : "-" + region), "x", authorities.toArray(String[]::new)));
    }

    private void withService(String url, Consumer<AnnotationsService> test) {
        dashboard(url).run(context -> {
            assertThat(context).hasNotFailed();
            test.accept(context.getBean(AnnotationsService.class));
        });
    }

    private static final YearMonth FEB_2019 = YearMonth.of(2019, 2);

    @Test
    void theEmbeddedDefaultKeepsAnAnnotationAcrossARestartOfTheDashboard() {
        String url = configured("url");
        assertThat(url).as("application.yml's default: an H2 file under data/state").startsWith("jdbc:h2:file:./data/state/");
        // The same engine and mode, in a temporary folder instead of the working directory.
        String here = url.replace("./", dir.toString() + "/");
        signIn("DISTRICT", "3404");
        withService(here, s -> s.add("3404", FEB_2019, FEB_2019, Annotation.Kind.DISASTER, "Banjir lahar dingin"));
        withService(here, s -> assertThat(s.forRegion(Filters.NONE)).extracting(Annotation::text)
                .containsExactly("Banjir lahar dingin"));
        assertThat(dir.resolve("data/state/dashboard/annotations.mv.db")).isRegularFile();
    }

    @Test
    void aServerDatabaseByConfigurationHoldsThemToo() throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists", "-baseDir", dir.resolve("h2").toString()).start();
        try {
            String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/slrt-annotations";
            signIn("PROVINCE", "34");
            withService(url, s -> s.add("34", YearMonth.of(2019, 1), YearMonth.of(2019, 3), Annotation.Kind.POLICY,
                    "Verifikasi ulang DTKS"));
            withService(url, s -> assertThat(s.forRegion(Filters.NONE)).extracting(Annotation::region, Annotation::from,
                    Annotation::to, Annotation::kind).containsExactly(org.assertj.core.groups.Tuple.tuple("34",
                    YearMonth.of(2019, 1), YearMonth.of(2019, 3), Annotation.Kind.POLICY)));
        } finally {
            server.stop();
        }
    }

    @Test
    void eachUserWritesOnlyForARegionOfTheirScopeAndReadsWhatConcernsIt() {
        withService("jdbc:h2:mem:scope;DB_CLOSE_DELAY=-1", s -> {
            signIn("NATIONAL", null);
            s.add("", FEB_2019, FEB_2019, Annotation.Kind.POLICY, "Kebijakan nasional");
            s.add("3301", FEB_2019, FEB_2019, Annotation.Kind.DISASTER, "Banjir Cilacap");
            signIn("PROVINCE", "34");
            s.add("34", FEB_2019, FEB_2019, Annotation.Kind.POLICY, "Kebijakan DIY");
            s.add("3402", FEB_2019, FEB_2019, Annotation.Kind.NEW_PUSKESOS, "Puskesos baru Bantul");
            assertThatThrownBy(() -> s.add("33", FEB_2019, FEB_2019, Annotation.Kind.OTHER, "x")).isInstanceOf(AccessDenied.class);
            assertThatThrownBy(() -> s.add("", FEB_2019, FEB_2019, Annotation.Kind.OTHER, "x")).isInstanceOf(AccessDenied.class);
            signIn("DISTRICT", "3404");
            s.add("3404", FEB_2019, FEB_2019, Annotation.Kind.EXPORT_OUTAGE, "Server SLRT mati");
            for (String other : List.of("3402", "34", "", "3301")) {
                assertThatThrownBy(() -> s.add(other, FEB_2019, FEB_2019, Annotation.Kind.OTHER, "x"))
                        .as(other).isInstanceOf(AccessDenied.class);
            }

            // A district: the nation's, its province's and its own; not a neighbour's.
            assertThat(s.forRegion(Filters.NONE)).extracting(Annotation::text)
                    .containsExactlyInAnyOrder("Kebijakan nasional", "Kebijakan DIY", "Server SLRT mati");
            assertThatThrownBy(() -> s.forRegion(Filters.NONE.withDistrict("3402"))).isInstanceOf(AccessDenied.class);
            // A province: also its districts'.
            signIn("PROVINCE", "34");
            assertThat(s.forRegion(Filters.NONE)).extracting(Annotation::text).containsExactlyInAnyOrder(
                    "Kebijakan nasional", "Kebijakan DIY", "Puskesos baru Bantul", "Server SLRT mati");
            assertThat(s.forRegion(Filters.NONE.withDistrict("3402"))).extracting(Annotation::text)
                    .containsExactlyInAnyOrder("Kebijakan nasional", "Kebijakan DIY", "Puskesos baru Bantul");
            // The nation: everything.
            signIn("NATIONAL", null);
            assertThat(s.forRegion(Filters.NONE)).hasSize(5);
            // A period leaves out what does not overlap it.
            assertThat(s.forRegion(new Filters(YearMonth.of(2019, 3), YearMonth.of(2019, 12), null, null, null))).isEmpty();
        });
    }

    @Test
    void hostileTextPeriodsAndRegionsAreRefusedWithTheirReason() {
        withService("jdbc:h2:mem:hostile;DB_CLOSE_DELAY=-1", s -> {
            signIn("ADMIN", null);
            assertRefused(() -> s.add("3404", FEB_2019, FEB_2019, Annotation.Kind.OTHER, "  "), "annotations.refused.empty");
            assertRefused(() -> s.add("3404", FEB_2019, FEB_2019, Annotation.Kind.OTHER, null), "annotations.refused.empty");
            assertRefused(() -> s.add("3404", FEB_2019, FEB_2019, Annotation.Kind.OTHER, "a".repeat(501)), "annotations.refused.long");
            assertRefused(() -> s.add("3404", FEB_2019, FEB_2019, Annotation.Kind.OTHER, "bell\u0007"), "annotations.refused.control");
            assertRefused(() -> s.add("3404", FEB_2019, FEB_2019, Annotation.Kind.OTHER, "arah \u202Ebalik"), "annotations.refused.control");
            assertRefused(() -> s.add("3404", FEB_2019, FEB_2019, Annotation.Kind.OTHER, "NIK 3404012345678901 datang"),
                    "annotations.refused.personal");
            assertRefused(() -> s.add("3404", FEB_2019, FEB_2019, Annotation.Kind.OTHER, "KK 3404 0123 4567 8901"),
                    "annotations.refused.personal");
            assertRefused(() -> s.add("3404", FEB_2019, YearMonth.of(2019, 1), Annotation.Kind.OTHER, "x"), "annotations.refused.order");
            assertRefused(() -> s.add("3404", YearMonth.of(2010, 1), YearMonth.of(2015, 1), Annotation.Kind.OTHER, "x"),
                    "annotations.refused.span");
            assertRefused(() -> s.add("3404", YearMonth.of(1999, 12), FEB_2019, Annotation.Kind.OTHER, "x"), "annotations.refused.months");
            assertRefused(() -> s.add("3404", null, FEB_2019, Annotation.Kind.OTHER, "x"), "annotations.refused.months");
            assertRefused(() -> s.add("3404", FEB_2019, FEB_2019, null, "x"), "annotations.refused.kind");
            for (String region : List.of("34%", "3404' OR '1'='1", "340", "34040", "nasional", "３４")) {
                assertRefused(() -> s.add(region, FEB_2019, FEB_2019, Annotation.Kind.OTHER, "x"), "annotations.refused.region");
            }
            // Sixty months is the longest; HTML and quotes are text like any other.
            Annotation a = s.add("3404", YearMonth.of(2015, 1), YearMonth.of(2019, 12), Annotation.Kind.OTHER,
                    "<script>alert('x')</script>   di  dua  spasi");
            assertThat(a.text()).isEqualTo("<script>alert('x')</script> di dua spasi");
            assertThat(s.forRegion(Filters.NONE)).extracting(Annotation::text).containsExactly(a.text());
        });
    }

    @Test
    void aRegionHoldsAtMostItsLimitOfAnnotations() {
        withService("jdbc:h2:mem:full;DB_CLOSE_DELAY=-1", s -> {
            signIn("DISTRICT", "3404");
            for (int i = 0; i < AnnotationsService.MAX_PER_REGION; i++) {
                s.add("3404", FEB_2019, FEB_2019, Annotation.Kind.OTHER, "catatan " + i);
            }
            assertRefused(() -> s.add("3404", FEB_2019, FEB_2019, Annotation.Kind.OTHER, "satu lagi"), "annotations.refused.full");
            // Deleting one makes room again.
            assertThat(s.delete(s.forRegion(Filters.NONE).getFirst().id())).isTrue();
            s.add("3404", FEB_2019, FEB_2019, Annotation.Kind.OTHER, "satu lagi");
        });
    }

    @Test
    void deletingIsForTheRegionsWritersAndBothChangesAreAuditedWithoutTheirText() throws IOException {
        withService("jdbc:h2:mem:delete;DB_CLOSE_DELAY=-1", s -> {
            signIn("PROVINCE", "34");
            Annotation a = s.add("3402", FEB_2019, FEB_2019, Annotation.Kind.DISASTER, "Gempa kecil");
            signIn("DISTRICT", "3404");
            assertThatThrownBy(() -> s.delete(a.id())).isInstanceOf(AccessDenied.class);
            assertThat(s.writable("3402")).isFalse();
            signIn("DISTRICT", "3402");
            assertThat(s.writable("3402")).isTrue();
            assertThat(s.delete(a.id())).isTrue();
            assertThat(s.delete(a.id())).as("already deleted").isFalse();
            assertThat(s.forRegion(Filters.NONE)).isEmpty();
        });
        List<String> lines = Files.readAllLines(auditLog());
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\tANNOTATION\tprovince-34\tadded ").contains("region 3402 2019-02..2019-02 disaster");
        assertThat(lines.get(1)).contains("\tANNOTATION\tdistrict-3402\tdeleted ");
        assertThat(String.join("\n", lines)).doesNotContain("Gempa");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String key) {
        assertThatThrownBy(call).isInstanceOfSatisfying(AnnotationsService.Refused.class, e -> assertThat(e.key()).isEqualTo(key));
    }
}
