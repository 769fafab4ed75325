package id.slrt.etl.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret key of the pseudonyms. Production: {@code SLRT_PSEUDONYM_KEY} (base64, from the
 * deployment's secret store). Embedded defaults: a key file generated on first use in the git-ignored
 * state folder. Changing the key changes every pseudonym, so distinct counts restart.
 */
public final class PseudonymKey {
    public static final String ENVIRONMENT = "SLRT_PSEUDONYM_KEY";

    private PseudonymKey() {
    }

    public static byte[] load(Path keyFile) {
        String fromEnv = System.getenv(ENVIRONMENT);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Base64.getDecoder().decode(fromEnv.strip());
        }
        try {
            if (!Files.exists(keyFile)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(keyFile.toAbsolutePath().getParent());
                Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
                Files.move(tmp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the pseudonym key " + keyFile, e);
        }
    }
}
