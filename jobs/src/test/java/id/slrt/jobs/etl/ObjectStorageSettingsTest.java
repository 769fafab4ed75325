package id.slrt.jobs.etl;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The jobs service hands the ETL the store's URLs and its work folder, and looks at the work folder's copies. */
class ObjectStorageSettingsTest {

    private static EtlProperties bind(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(Map.of("slrt.etl.inbox", "data/inbox", "slrt.etl.warehouse", "data/warehouse",
                "slrt.etl.reference", "data/reference", "slrt.etl.state", "data/state/etl", "slrt.etl.keep-snapshots", "5",
                "slrt.etl.sla-days", "14", "slrt.etl.cron", "0 0 2 * * ?", "slrt.etl.time-zone", "Asia/Jakarta"));
        settings.putAll(more);
        return new Binder(new MapConfigurationPropertySource(settings)).bind("slrt.etl", EtlProperties.class).get();
    }

    @Test
    void theEtlIsGivenTheStoresUrlsAndTheWorkFolder() {
        EtlProperties properties = bind(Map.of("slrt.etl.object-storage.inbox", "s3a://slrt/inbox",
                "slrt.etl.object-storage.warehouse", "s3://slrt/warehouse", "slrt.etl.object-storage.work", "/var/lib/slrt/work"));
        List<String> command = new EtlProcess(properties, tools.jackson.databind.json.JsonMapper.builder().build()).command();
        assertThat(String.join(" ", command)).contains("--inbox s3a://slrt/inbox").contains("--warehouse s3://slrt/warehouse")
                .contains("--state data/state/etl").contains("--work /var/lib/slrt/work");
        assertThat(properties.localWarehouse()).isEqualTo(Path.of("/var/lib/slrt/work/warehouse"));
        assertThat(properties.localState()).isEqualTo(Path.of("data/state/etl"));
    }

    @Test
    void withoutObjectStorageNothingChanges() {
        EtlProperties properties = bind(Map.of());
        List<String> command = new EtlProcess(properties, tools.jackson.databind.json.JsonMapper.builder().build()).command();
        assertThat(String.join(" ", command)).contains("--inbox data/inbox").doesNotContain("--work");
        assertThat(properties.localWarehouse()).isEqualTo(Path.of("data/warehouse"));
    }

    @Test
    void aUrlThatIsNoStoreFailsAtStartWithTheSettingsName() {
        assertThatThrownBy(() -> bind(Map.of("slrt.etl.object-storage.state", "/mnt/state")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("slrt.etl.object-storage.state")
                .hasMessageContaining("no s3:// or s3a:// URL");
        assertThatThrownBy(() -> bind(Map.of("slrt.etl.object-storage.inbox", "s3://Bad_Bucket/x")))
                .isInstanceOf(BindException.class).rootCause().hasMessageContaining("no S3 bucket name");
    }
}
