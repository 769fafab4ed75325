package id.slrt.etl.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import id.slrt.etl.runs.OwnerOnly;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret key of the pseudonyms. Real exports: {@code SLRT_PSEUDONYM_KEY} (base64, at least 32 bytes,
 * from the deployment's secret store), without which the ETL refuses to run. The generated sample data
 * only: a key file generated on first use in the git-ignored state folder, so the demo needs no setup.
 * Changing the key changes every pseudonym, so distinct counts restart.
 */
public final class PseudonymKey {
    public static final String ENVIRONMENT = "SLRT_PSEUDONYM_KEY";
    static final int MIN_KEY_BYTES = 32;

    private PseudonymKey() {
    }

    /** The key for a run: the environment's, or (sample data only) the state folder's key file. */
    public static byte[] forRun(Path keyFile, boolean sampleData) {
        return forRun(System.getenv(), keyFile, sampleData);
    }

    /**
     * @param environment where {@code SLRT_PSEUDONYM_KEY} is looked up
     * @throws IllegalStateException for real exports without a configured key, or a key too weak to use
     */
    public static byte[] forRun(java.util.Map<String, String> environment, Path keyFile, boolean sampleData) {
        String fromEnv = environment.get(ENVIRONMENT);
        if (fromEnv != null && !fromEnv.isBlank()) {
            byte[] key;
            try {
                key = Base64.getDecoder().decode(fromEnv.strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(ENVIRONMENT + " is not base64; make one with: head -c 32 /dev/urandom | base64");
            }
            if (key.length < MIN_KEY_BYTES) {
                throw new IllegalStateException(ENVIRONMENT + " has " + key.length + " bytes; it needs at least "
                        + MIN_KEY_BYTES + " (head -c 32 /dev/urandom | base64)");
            }
            return key;
        }
        if (!sampleData) {
            // A key generated beside the data it protects would let anyone who copies the state folder
            // re-identify people by hashing candidate NIKs: real exports need a key kept elsewhere.
            throw new IllegalStateException("the inbox holds real exports (not only ./slrt generate's sample data) and "
                    + ENVIRONMENT + " is not set: refusing to run. Give the ETL a secret key kept outside the server's"
                    + " data folders, e.g. export " + ENVIRONMENT + "=$(head -c 32 /dev/urandom | base64), and keep it:"
                    + " a new key restarts the distinct-people counts. / Kotak masuk berisi ekspor nyata dan "
                    + ENVIRONMENT + " belum diisi: ETL tidak dijalankan.");
        }
        return load(keyFile);
    }

    private static byte[] load(Path keyFile) {
        try {
            if (!Files.exists(keyFile)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(keyFile.toAbsolutePath().getParent());
                Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp");
                Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
                try {
                    Files.setPosixFilePermissions(tmp, OwnerOnly.FILE);
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
