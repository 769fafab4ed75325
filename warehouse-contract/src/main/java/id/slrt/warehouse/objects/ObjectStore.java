package id.slrt.warehouse.objects;

import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The one client of an S3-compatible store (AWS S3, MinIO, Ceph RGW, S3Proxy...). Where: {@code SLRT_S3_ENDPOINT}
 * (or the system property {@code slrt.s3.endpoint}) for a store other than AWS, with path-style addressing;
 * otherwise the SDK's own settings ({@code AWS_ENDPOINT_URL}, {@code AWS_REGION}, profiles). Who: the SDK's
 * default credentials chain (environment {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, system
 * properties, profile files, container and instance roles). No secret is ever passed on a command line.
 */
public final class ObjectStore implements AutoCloseable {
    public static final String ENDPOINT_ENV = "SLRT_S3_ENDPOINT";
    public static final String ENDPOINT_PROPERTY = "slrt.s3.endpoint";

    private final S3Client s3;

    private ObjectStore(S3Client s3) {
        this.s3 = s3;
    }

    /** A client configured from the environment (see the class comment). */
    public static ObjectStore fromEnvironment() {
        String endpoint = System.getProperty(ENDPOINT_PROPERTY, System.getenv(ENDPOINT_ENV));
        S3ClientBuilder builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofMinutes(2)).build())
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                // Checksums in trailers are AWS-only; our manifest carries SHA-256 of every file instead.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.strip())).forcePathStyle(true);
        }
        builder.region(region());
        return new ObjectStore(builder.build());
    }

    private static Region region() {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        } catch (RuntimeException none) {
            return Region.US_EAST_1; // S3-compatible stores ignore it; AWS needs one to sign
        }
    }

    /** One object as a listing shows it. */
    public record Entry(String key, long size, String etag, Instant lastModified) {
    }

    /** Writes a file as an object; returns the object's new version (ETag). */
    public String put(ObjectLocation at, String name, Path file) {
        return s3.putObject(PutObjectRequest.builder().bucket(at.bucket()).key(at.key(name)).build(), RequestBody.fromFile(file)).eTag();
    }

    public void put(ObjectLocation at, String name, byte[] bytes) {
        s3.putObject(PutObjectRequest.builder().bucket(at.bucket()).key(at.key(name)).build(), RequestBody.fromBytes(bytes));
    }

    /**
     * Writes the object only if there is none (a conditional write, {@code If-None-Match: *}); false when
     * another writer holds the name.
     */
    public boolean putIfAbsent(ObjectLocation at, String name, byte[] bytes) {
        return conditional(PutObjectRequest.builder().bucket(at.bucket()).key(at.key(name)).ifNoneMatch("*").build(), bytes);
    }

    /** Replaces the object only if it is still the version {@code etag} names ({@code If-Match}). */
    public boolean replaceIfUnchanged(ObjectLocation at, String name, String etag, byte[] bytes) {
        return conditional(PutObjectRequest.builder().bucket(at.bucket()).key(at.key(name)).ifMatch(etag).build(), bytes);
    }

    private boolean conditional(PutObjectRequest request, byte[] bytes) {
        try {
            s3.putObject(request, RequestBody.fromBytes(bytes));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    /** A small object and its version, empty when there is none; longer than {@code maxBytes} is an error. */
    public Optional<Read> read(ObjectLocation at, String name, int maxBytes) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(get(at, name))) {
            Long length = in.response().contentLength();
            if (length != null && length > maxBytes) {
                throw new IllegalStateException(at.key(name) + " holds " + length + " bytes, more than the " + maxBytes + " it may");
            }
            byte[] bytes = in.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new IllegalStateException(at.key(name) + " holds more than the " + maxBytes + " bytes it may");
            }
            return Optional.of(new Read(bytes, in.response().eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + at.key(name), e);
        }
    }

    /** What {@link #read} found. */
    public record Read(byte[] bytes, String etag) {
    }

    /**
     * Copies an object into {@code target} (its folder must exist), at most {@code maxBytes + 1} bytes: a
     * larger object arrives cut one byte past the limit, so the reader's own size check still refuses it.
     * Returns the bytes written.
     */
    public long download(ObjectLocation at, String name, Path target, long maxBytes) {
        GetObjectRequest request = GetObjectRequest.builder().bucket(at.bucket()).key(at.key(name))
                .range("bytes=0-" + maxBytes).build();
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request);
             OutputStream out = Files.newOutputStream(target)) {
            return copy(in, out, maxBytes + 1);
        } catch (S3Exception e) {
            if (e.statusCode() != 416) {
                throw e;
            }
            // No byte in the range: an empty object (Spark's _SUCCESS, an empty export).
            try {
                Files.write(target, new byte[0]);
                return 0;
            } catch (IOException io) {
                throw new UncheckedIOException("cannot write " + target, io);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot download " + at.key(name) + " to " + target, e);
        }
    }

    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    /** Every object under the location, keys relative to it ({@code a/b.parquet}), in key order. */
    public List<Entry> list(ObjectLocation at) {
        String prefix = at.keyPrefix();
        return s3.listObjectsV2Paginator(b -> b.bucket(at.bucket()).prefix(prefix)).contents().stream()
                .map((S3Object o) -> new Entry(o.key().substring(prefix.length()), o.size(), o.eTag(), o.lastModified()))
                .toList();
    }

    public void delete(ObjectLocation at, Collection<String> names) {
        for (String name : names) {
            s3.deleteObject(b -> b.bucket(at.bucket()).key(at.key(name)));
        }
    }

    private static GetObjectRequest get(ObjectLocation at, String name) {
        return GetObjectRequest.builder().bucket(at.bucket()).key(at.key(name)).build();
    }

    @Override
    public void close() {
        s3.close();
    }
}
