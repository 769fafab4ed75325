package id.slrt.etl.ingest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Keyed hash (HMAC-SHA-256) of NIK and No. KK: the same person gets the same key in every export, so
 * distinct people can be counted, but without the secret key the number cannot be recovered or
 * checked by trying all NIKs (which a plain hash of a 16-digit number would allow).
 */
public final class Pseudonymizer implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] key;
    /** Executor threads share one broadcast instance; a Mac is not thread-safe. */
    private transient ThreadLocal<Mac> macs;

    public Pseudonymizer(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("the pseudonym key must have at least 16 bytes");
        }
        this.key = key.clone();
    }

    /** A 32-hex-digit pseudonym, or null for an empty value. */
    public String pseudonym(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        byte[] digest = mac().doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 16);
    }

    private synchronized Mac mac() {
        if (macs == null) {
            macs = ThreadLocal.withInitial(() -> {
                try {
                    Mac mac = Mac.getInstance("HmacSHA256");
                    mac.init(new SecretKeySpec(key, "HmacSHA256"));
                    return mac;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HmacSHA256 unavailable", e);
                }
            });
        }
        return macs.get();
    }
}
