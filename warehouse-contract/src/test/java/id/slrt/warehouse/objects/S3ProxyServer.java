package id.slrt.warehouse.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible server for tests: S3Proxy (Maven Central) with its filesystem back end, in its own
 * JVM, on a free loopback port. Each object is a file under {@link #bucketDir}, so a test can damage one
 * the way a broken disk or a hostile office would. {@link #configureThisJvm} points this JVM's
 * {@link ObjectStore} at it; {@link #environment} does the same for a child process.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String IDENTITY = "slrt-test";
    public static final String CREDENTIAL = "slrt-test-secret-not-for-real-use";

    private final Process process;
    private final Path blobs;
    private final int port;

    private S3ProxyServer(Process process, Path blobs, int port) {
        this.process = process;
        this.blobs = blobs;
        this.port = port;
    }

    /** Starts the server with the given buckets (empty) and waits until it answers. */
    public static S3ProxyServer start(Path dir, String... buckets) {
        String jar = System.getProperty("s3proxy.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no S3Proxy jar at the system property s3proxy.jar (" + jar
                    + "): run the tests through Maven, whose warehouse-contract build fetches it");
        }
        try {
            Path blobs = Files.createDirectories(dir.resolve("blobs"));
            for (String bucket : buckets) {
                Files.createDirectories(blobs.resolve(bucket));
            }
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path conf = dir.resolve("s3proxy.conf");
            Files.writeString(conf, String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + IDENTITY,
                    "s3proxy.credential=" + CREDENTIAL,
                    "jclouds.provider=filesystem-nio2",
                    "jclouds.filesystem.basedir=" + blobs.toAbsolutePath(), ""));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-jar", jar, "--properties", conf.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("s3proxy.log").toFile()).start();
            S3ProxyServer server = new S3ProxyServer(process, blobs, port);
            server.awaitUp(dir.resolve("s3proxy.log"));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start S3Proxy in " + dir, e);
        }
    }

    private void awaitUp(Path log) throws IOException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("S3Proxy stopped: " + Files.readString(log));
            }
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }
        throw new IllegalStateException("S3Proxy did not answer on port " + port + " within 60 s");
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the filesystem back end keeps the objects of a bucket (key = relative path). */
    public Path bucketDir(String bucket) {
        return blobs.resolve(bucket);
    }

    /** Makes {@link ObjectStore#fromEnvironment()} in this JVM use this server and its test credentials. */
    public void configureThisJvm() {
        System.setProperty(ObjectStore.ENDPOINT_PROPERTY, endpoint());
        System.setProperty("aws.accessKeyId", IDENTITY);
        System.setProperty("aws.secretAccessKey", CREDENTIAL);
        System.setProperty("aws.region", "us-east-1");
    }

    /** The same for a child process, as environment variables (how a deployment passes them). */
    public Map<String, String> environment() {
        return Map.of(ObjectStore.ENDPOINT_ENV, endpoint(), "AWS_ACCESS_KEY_ID", IDENTITY,
                "AWS_SECRET_ACCESS_KEY", CREDENTIAL, "AWS_REGION", "us-east-1");
    }

    @Override
    public void close() {
        for (String property : List.of(ObjectStore.ENDPOINT_PROPERTY, "aws.accessKeyId", "aws.secretAccessKey", "aws.region")) {
            System.clearProperty(property);
        }
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
