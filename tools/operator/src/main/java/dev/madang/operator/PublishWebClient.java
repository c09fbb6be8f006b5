package dev.madang.operator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The web client's release step: uploads a built client ({@code web/dist}) to the web bucket (stack output
 * {@code WebBucketName}), which CloudFront serves (template.yaml, {@code WebDistribution}). The local runner
 * publishes to the local bucket with the same code.
 *
 * <pre>
 * npm --prefix web ci &amp;&amp; npm --prefix web run build
 * AWS_REGION=ap-northeast-2 mvn -q -pl tools/operator exec:java -Dexec.mainClass=dev.madang.operator.PublishWebClient \
 *   -Dexec.args="&lt;WebBucketName&gt; web/dist [--config &lt;config.json&gt;]"
 * </pre>
 * (after {@code mvn -q install -DskipTests}, like the other tools of this module).
 *
 * <p>How each file is stored, so that a release needs no CloudFront invalidation:
 * <ul>
 *   <li>content-hashed files under {@code assets/} (Vite names them {@code index-3f2aB9c1.js}): {@value #IMMUTABLE}.
 *       A change makes a new name, so a cached copy is never stale. An unchanged one (same MD5 as the bucket's ETag)
 *       is not uploaded again.</li>
 *   <li>{@code index.html} and everything else ({@code config.json}, {@code favicon.ico}...): {@value #NO_CACHE}, so
 *       browsers and CloudFront revalidate them (a 304 when unchanged) and see a release at once.</li>
 *   <li>{@code Content-Type} by extension ({@link #contentType(String)}), which CloudFront also uses to decide what
 *       it compresses.</li>
 * </ul>
 * Order: the hashed assets first, then the other files, then {@code config.json}, {@code index.html} last, so that
 * nobody gets a page naming chunks not yet uploaded. Files of earlier releases are <b>left in place</b>: a page
 * loaded before this release still finds the chunks it names (they cost little; delete old ones by hand, long after a
 * release, if ever). The optional {@code config.json} given by the caller replaces the one in the build (the runtime
 * settings of an environment: {@code --config} here, the local runner's own locally).
 *
 * <p>Credentials from the usual chain; {@code MADANG_AWS_ENDPOINT_S3} points it at a local S3 (path-style, dummy
 * keys). Exit status: 0 done, 1 failed, 2 usage.
 */
public final class PublishWebClient {

    /** {@code Cache-Control} of content-hashed assets. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** {@code Cache-Control} of {@code index.html} and every file whose name does not change with its content. */
    public static final String NO_CACHE = "no-cache";
    public static final String INDEX = "index.html";
    public static final String CONFIG = "config.json";

    /** A name with a content hash before its extension, as Vite writes them: {@code index-3f2aB9c1.js}. */
    private static final Pattern HASHED = Pattern.compile(".+[-.][A-Za-z0-9_-]{8,}(\\.[A-Za-z0-9]+)+");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("htm", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("webmanifest", "application/manifest+json"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("xml", "application/xml"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"),
            Map.entry("webp", "image/webp"),
            Map.entry("avif", "image/avif"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff", "font/woff"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("ttf", "font/ttf"),
            Map.entry("otf", "font/otf"),
            Map.entry("wasm", "application/wasm"),
            Map.entry("pdf", "application/pdf"));

    private PublishWebClient() {
    }

    /**
     * What a release did.
     *
     * @param uploaded  keys uploaded, in upload order ({@code index.html} last)
     * @param unchanged hashed assets already in the bucket with the same content, not uploaded again
     * @param kept      keys of earlier releases left in place
     */
    public record Published(List<String> uploaded, List<String> unchanged, long bytes, List<String> kept) {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        Path config = null;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                config = Path.of(args[++i]);
            } else if (args[i].startsWith("--")) {
                positional.clear();
                break;
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.isEmpty() || positional.size() > 2) {
            err.println("usage: PublishWebClient <bucket (stack output WebBucketName)> [<dist folder, default web/dist>]"
                    + " [--config <config.json>]");
            return 2;
        }
        String bucket = positional.get(0);
        Path dist = Path.of(positional.size() == 2 ? positional.get(1) : "web/dist");
        try (S3Client s3 = client()) {
            byte[] configJson = config == null ? null : Files.readAllBytes(config);
            Published p = publish(s3, bucket, dist, configJson);
            out.println(summary(bucket, p));
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("publishing failed: " + e.getMessage());
            return 1;
        }
    }

    /** One paragraph on what a release did, for people. */
    public static String summary(String bucket, Published p) {
        return "published " + p.uploaded().size() + " files (" + p.bytes() + " bytes) to s3://" + bucket
                + (p.unchanged().isEmpty() ? "" : "; " + p.unchanged().size() + " hashed assets were there already")
                + "; " + p.kept().size() + " files of earlier releases left in place (pages loaded before this release "
                + "still find their chunks); " + INDEX + " is " + NO_CACHE + ": no CloudFront invalidation needed";
    }

    /**
     * Uploads the built client in {@code dist} to {@code bucket}.
     *
     * @param configJson the body of {@code config.json} to publish instead of the build's, or null to keep the build's
     * @throws IllegalArgumentException if {@code dist} holds no {@code index.html} (not built)
     */
    public static Published publish(S3Client s3, String bucket, Path dist, byte[] configJson) throws IOException {
        Objects.requireNonNull(s3, "s3");
        if (!Files.isRegularFile(dist.resolve(INDEX))) {
            throw new IllegalArgumentException(dist.toAbsolutePath() + " has no " + INDEX + ": build the web client "
                    + "first (npm --prefix web ci && npm --prefix web run build)");
        }
        Map<String, Path> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dist)) {
            walk.filter(Files::isRegularFile).sorted().forEach(f -> {
                String key = dist.relativize(f).toString().replace('\\', '/');
                if (!key.startsWith(".") && !key.contains("/.")) {
                    files.put(key, f);
                }
            });
        }
        Map<String, String> existing = new LinkedHashMap<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().forEach((S3Object o) -> existing.put(o.key(),
                o.eTag()));

        List<String> order = new ArrayList<>(files.keySet());
        order.sort(Comparator.comparingInt((String key) -> key.equals(INDEX) ? 3 : key.equals(CONFIG) ? 2
                : isHashedAsset(key) ? 0 : 1));
        if (configJson != null && !files.containsKey(CONFIG)) {
            order.add(order.indexOf(INDEX), CONFIG);
        }
        List<String> uploaded = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        long bytes = 0;
        for (String key : order) {
            byte[] body = key.equals(CONFIG) && configJson != null ? configJson : Files.readAllBytes(files.get(key));
            if (isHashedAsset(key) && quotedMd5(body).equals(existing.get(key))) {
                unchanged.add(key);
                continue;
            }
            s3.putObject(r -> r.bucket(bucket).key(key).contentType(contentType(key)).cacheControl(cacheControl(key)),
                    RequestBody.fromBytes(body));
            uploaded.add(key);
            bytes += body.length;
        }
        List<String> kept = existing.keySet().stream().filter(key -> !order.contains(key)).sorted().toList();
        return new Published(List.copyOf(uploaded), List.copyOf(unchanged), bytes, kept);
    }

    /** Whether a key is a content-hashed file under {@code assets/}, which never changes under its name. */
    public static boolean isHashedAsset(String key) {
        return key.startsWith("assets/") && HASHED.matcher(key.substring(key.lastIndexOf('/') + 1)).matches();
    }

    /** {@value #IMMUTABLE} for content-hashed assets, else {@value #NO_CACHE}. */
    public static String cacheControl(String key) {
        return isHashedAsset(key) ? IMMUTABLE : NO_CACHE;
    }

    /** The {@code Content-Type} for a file name's extension; {@code application/octet-stream} if unknown. */
    public static String contentType(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static String quotedMd5(byte[] body) {
        try {
            return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    private static S3Client client() {
        String region = System.getenv().getOrDefault("AWS_REGION", "ap-northeast-2");
        S3ClientBuilder builder = S3Client.builder().region(Region.of(region))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = System.getenv("MADANG_AWS_ENDPOINT_S3");
        if (endpoint != null && !endpoint.isBlank()) {
            // a local S3 accepts any keys and serves path-style addresses only
            builder.endpointOverride(URI.create(endpoint)).forcePathStyle(true).credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
        }
        return builder.build();
    }

    /** For callers holding a folder path that may not exist: {@code dist/index.html} is there. */
    public static boolean isBuilt(Path dist) {
        return Files.isRegularFile(dist.resolve(INDEX));
    }
}
