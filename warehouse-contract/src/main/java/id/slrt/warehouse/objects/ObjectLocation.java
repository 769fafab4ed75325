package id.slrt.warehouse.objects;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A place on an S3-compatible store, written as a URL: {@code s3://bucket/slrt/warehouse} or Hadoop's
 * spelling {@code s3a://...}. Anything else (a plain path) is a local folder: {@link #isObjectUrl}.
 */
public record ObjectLocation(String bucket, String prefix) {
    // S3's bucket rules (lower case, digits, dots, hyphens; 3-63): a typo fails here, not at the first request.
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,200}");

    public ObjectLocation {
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("'" + bucket + "' is no S3 bucket name (3-63 of a-z, 0-9, '.', '-')");
        }
        for (String segment : prefix.isEmpty() ? new String[0] : prefix.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("'" + prefix + "' is no object prefix (folders of A-Z, a-z, 0-9, '.', '_', '-')");
            }
        }
    }

    public static boolean isObjectUrl(String where) {
        String lower = where.toLowerCase(Locale.ROOT);
        return lower.startsWith("s3://") || lower.startsWith("s3a://");
    }

    /** {@code s3://bucket/a/b} or {@code s3a://bucket/a/b/}: bucket {@code bucket}, prefix {@code a/b}. */
    public static ObjectLocation parse(String url) {
        if (!isObjectUrl(url)) {
            throw new IllegalArgumentException("'" + url + "' is no s3:// or s3a:// URL");
        }
        String rest = url.substring(url.indexOf("://") + 3);
        while (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        int slash = rest.indexOf('/');
        return slash < 0 ? new ObjectLocation(rest, "") : new ObjectLocation(rest.substring(0, slash), rest.substring(slash + 1));
    }

    /** The key of {@code name} under this prefix. */
    public String key(String name) {
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    /** The key prefix of everything under this location, ending in '/' (or empty at the bucket's root). */
    public String keyPrefix() {
        return prefix.isEmpty() ? "" : prefix + "/";
    }

    public ObjectLocation child(String name) {
        return new ObjectLocation(bucket, key(name));
    }

    @Override
    public String toString() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }
}
