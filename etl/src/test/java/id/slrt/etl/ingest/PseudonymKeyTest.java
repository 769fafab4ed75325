package id.slrt.etl.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PseudonymKeyTest {
    private static final byte[] KEY = "a-deployment-key-of-32-bytes-ok!".getBytes();

    @Test
    void realExportsWithoutAConfiguredKeyAreRefusedAndNoKeyFileIsMade(@TempDir Path dir) {
        Path keyFile = dir.resolve("pseudonym.key");

        assertThatThrownBy(() -> PseudonymKey.forRun(Map.of(), keyFile, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SLRT_PSEUDONYM_KEY is not set: refusing to run");
        assertThat(keyFile).doesNotExist();
    }

    @Test
    void aKeyFileLeftInTheStateFolderDoesNotStandInForTheConfiguredKey(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("pseudonym.key");
        PseudonymKey.forRun(Map.of(), keyFile, true);
        assertThat(keyFile).exists();

        assertThatThrownBy(() -> PseudonymKey.forRun(Map.of(), keyFile, false)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theConfiguredKeyIsUsedForRealAndSampleDataAlike(@TempDir Path dir) {
        Map<String, String> env = Map.of(PseudonymKey.ENVIRONMENT, Base64.getEncoder().encodeToString(KEY));

        assertThat(PseudonymKey.forRun(env, dir.resolve("k"), false)).isEqualTo(KEY);
        assertThat(PseudonymKey.forRun(env, dir.resolve("k"), true)).isEqualTo(KEY);
        assertThat(dir.resolve("k")).doesNotExist();
    }

    @Test
    void aShortOrMalformedKeyIsRefusedWithHowToMakeOne(@TempDir Path dir) {
        Map<String, String> shortKey = Map.of(PseudonymKey.ENVIRONMENT, Base64.getEncoder().encodeToString(new byte[8]));
        Map<String, String> notBase64 = Map.of(PseudonymKey.ENVIRONMENT, "not base64 at all!");

        assertThatThrownBy(() -> PseudonymKey.forRun(shortKey, dir.resolve("k"), false))
                .hasMessageContaining("has 8 bytes; it needs at least 32").hasMessageContaining("head -c 32 /dev/urandom");
        assertThatThrownBy(() -> PseudonymKey.forRun(notBase64, dir.resolve("k"), false))
                .hasMessageContaining("is not base64");
    }

    @Test
    void sampleDataWithoutAConfiguredKeyGetsAnOwnerOnlyKeyFileThatLasts(@TempDir Path dir) throws Exception {
        Path keyFile = dir.resolve("state").resolve("pseudonym.key");

        byte[] first = PseudonymKey.forRun(Map.of(), keyFile, true);
        byte[] again = PseudonymKey.forRun(Map.of(), keyFile, true);

        assertThat(first).hasSize(32).isEqualTo(again);
        assertThat(Files.getPosixFilePermissions(keyFile)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }
}
