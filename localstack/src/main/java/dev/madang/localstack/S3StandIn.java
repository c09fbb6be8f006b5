package dev.madang.localstack;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * A stand-in for the part of Amazon S3 Madang uses: the web client's bucket (published by the operator tool
 * {@code PublishWebClient}, read by the {@link CloudFrontStandIn}). None of the engines in
 * {@code localstack/README.md} serves S3 without Docker, and the subset is small. A JDK {@link HttpServer} on a
 * loopback port, buckets and objects in memory; the real SDK v2 {@code S3Client} works against it when configured
 * with {@code forcePathStyle(true)} and {@code endpointOverride(endpoint())}.
 *
 * <h2>Protocol</h2>
 * The S3 REST API, path-style ({@code http://127.0.0.1:<port>/<bucket>/<key>}), XML answers in the
 * {@code 2006-03-01} namespace, errors as {@code <Error><Code>...</Code><Message>...</Message></Error>} with S3's
 * status codes (no body for HEAD), which the SDK turns into its typed exceptions ({@code NoSuchKeyException},
 * {@code NoSuchBucketException}, ...). <b>Request signatures (SigV4, including aws-chunked chunk signatures) are not
 * verified</b>, nor credentials, bucket policies, ACLs or public-access blocks: anyone on this machine may read and
 * write every object. It listens on loopback only and is never deployed.
 *
 * <h2>Operations</h2>
 * <ul>
 *   <li>{@code ListBuckets} ({@code GET /}), {@code CreateBucket} ({@code PUT /b}; S3's name rules; an existing
 *       bucket answers {@code BucketAlreadyOwnedByYou}), {@code HeadBucket}, {@code DeleteBucket} (empty only),
 *       {@code GetBucketLocation}.</li>
 *   <li>{@code ListObjectsV2} ({@code GET /b?list-type=2}: {@code prefix}, {@code delimiter} with common prefixes,
 *       {@code max-keys} up to 1,000, {@code continuation-token}, {@code start-after}, {@code encoding-type=url}).</li>
 *   <li>{@code PutObject}: the body, {@code Content-Type} (default {@code binary/octet-stream}, as S3),
 *       {@code Cache-Control}, {@code Content-Encoding}, {@code Content-Disposition}, {@code Content-Language},
 *       {@code Expires} and {@code x-amz-meta-*}; ETag the quoted MD5 hex. Bodies the SDK sends {@code aws-chunked}
 *       ({@code x-amz-content-sha256: STREAMING-...}: signed chunks, unsigned chunks with a trailer, signed chunks
 *       with a trailer) are decoded and checked against {@code x-amz-decoded-content-length}; {@code aws-chunked} is
 *       removed from the stored {@code Content-Encoding}, as S3 does. {@code Content-MD5}, a hex
 *       {@code x-amz-content-sha256} and the flexible checksums {@code x-amz-checksum-crc32}, {@code -crc32c},
 *       {@code -sha1}, {@code -sha256} (as a header or an aws-chunked trailer) are verified ({@code BadDigest} and
 *       friends); {@code -crc64nvme} is stored unverified. {@code If-None-Match: *} makes the write conditional
 *       ({@code PreconditionFailed} if the key exists).</li>
 *   <li>{@code GetObject} and {@code HeadObject}: the stored headers, {@code ETag}, {@code Last-Modified} (seconds,
 *       as S3), {@code Content-Length}, {@code Accept-Ranges}; {@code If-Match}, {@code If-None-Match},
 *       {@code If-Modified-Since}, {@code If-Unmodified-Since} with S3's precedence (304 / 412); one
 *       {@code Range: bytes=...} (206, 416); {@code response-*} header overrides; the stored checksum when asked with
 *       {@code x-amz-checksum-mode: ENABLED}. A missing key is {@code NoSuchKey} (404).</li>
 *   <li>{@code DeleteObject} (204, also for a missing key) and {@code DeleteObjects} ({@code POST /b?delete}, at most
 *       1,000 keys, {@code Quiet}; needs {@code Content-MD5} or a checksum header, as S3).</li>
 * </ul>
 * Not served (answered {@code NotImplemented}, 501): multipart uploads, copies, versioning (one version per key;
 * {@code versionId} is refused), tagging, ACLs, bucket policies and other bucket configuration, presigned-URL expiry,
 * virtual-hosted-style addressing. See {@code localstack/README.md}.
 */
public final class S3StandIn implements AutoCloseable {

    /** The namespace of S3's XML answers. */
    public static final String XMLNS = "http://s3.amazonaws.com/doc/2006-03-01/";
    /** The largest object kept (everything is in memory; S3's own single-PUT limit is 5 GB). */
    public static final int MAX_OBJECT_BYTES = 256 * 1024 * 1024;
    /** S3's {@code Content-Type} for an object stored without one. */
    public static final String DEFAULT_CONTENT_TYPE = "binary/octet-stream";

    private static final int MAX_KEYS = 1000;
    private static final int MAX_XML_BODY = 2 * 1024 * 1024;
    private static final Pattern BUCKET_NAME = Pattern.compile("(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern IP_ADDRESS = Pattern.compile("\\d+\\.\\d+\\.\\d+\\.\\d+");
    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final String OWNER_ID = "75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a";
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter XML_DATE = DateTimeFormatter
            .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.US).withZone(ZoneOffset.UTC);
    /** The flexible checksums S3 accepts, by header suffix; the last one is stored unverified. */
    private static final List<String> CHECKSUMS = List.of("crc32", "crc32c", "sha1", "sha256", "crc64nvme");
    /** Query parameters the SDK may add to any request, which carry no meaning here. */
    private static final Set<String> ALWAYS_ALLOWED = Set.of("x-id");
    private static final Set<String> OBJECT_GET_PARAMETERS = Set.of("response-content-type",
            "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-expires");
    private static final Set<String> LIST_PARAMETERS = Set.of("list-type", "prefix", "delimiter", "max-keys",
            "continuation-token", "start-after", "encoding-type", "fetch-owner");

    private final HttpServer server;
    private final ExecutorService executor;
    private final String region;
    private final NavigableMap<String, Bucket> buckets = new ConcurrentSkipListMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    private S3StandIn(HttpServer server, ExecutorService executor, String region) {
        this.server = server;
        this.executor = executor;
        this.region = region;
    }

    /** Starts on a free loopback port, answering as the local stack's region. */
    public static S3StandIn start() {
        return start(LocalAws.REGION, 0);
    }

    /** Starts on {@code port} of loopback (0: any free port); {@code region} is what HeadBucket and GetBucketLocation say. */
    public static S3StandIn start(String region, int port) {
        HttpServer server = LoopbackServers.listen("S3 stand-in", port);
        ExecutorService executor = LoopbackServers.daemonThreads("s3-standin");
        S3StandIn standIn = new S3StandIn(server, executor, Objects.requireNonNull(region, "region"));
        LoopbackServers.serve(server, executor, standIn::handle);
        return standIn;
    }

    /** The endpoint to give the SDK ({@code endpointOverride}, with {@code forcePathStyle(true)}). */
    public URI endpoint() {
        return LoopbackServers.endpoint(server);
    }

    /** Requests received so far, answered successfully or not. */
    public int requestCount() {
        return requests.get();
    }

    /** The names of the buckets, in order. */
    public List<String> bucketNames() {
        return List.copyOf(buckets.keySet());
    }

    /** An object as stored (for tests and the CloudFront stand-in's diagnostics), or empty. */
    public Optional<StoredObject> object(String bucket, String key) {
        Bucket b = buckets.get(bucket);
        return b == null ? Optional.empty() : Optional.ofNullable(b.objects.get(key));
    }

    /** Forgets every bucket and object and the request count. */
    public void reset() {
        buckets.clear();
        requests.set(0);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "S3StandIn[" + endpoint() + "]";
    }

    /**
     * An object as S3 keeps it.
     *
     * @param etag         the quoted MD5 hex of the body
     * @param lastModified when it was written, to the second (S3's {@code Last-Modified} precision)
     * @param metadata     {@code x-amz-meta-*} headers, names in lower case without the prefix
     * @param checksums    flexible checksums sent with it, e.g. {@code crc32 -> "Lx3Fhw=="} (base64, as on the wire)
     */
    public record StoredObject(String key, byte[] body, String etag, Instant lastModified, String contentType,
                               String cacheControl, String contentEncoding, String contentDisposition,
                               String contentLanguage, String expires, Map<String, String> metadata,
                               Map<String, String> checksums) {
        public long size() {
            return body.length;
        }
    }

    private static final class Bucket {
        final String name;
        final Instant created;
        final NavigableMap<String, StoredObject> objects = new ConcurrentSkipListMap<>();

        Bucket(String name, Instant created) {
            this.name = name;
            this.created = created;
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // HTTP
    // ------------------------------------------------------------------------------------------------------

    /** One request: path-style bucket and key (percent-decoded), query parameters (decoded, in order). */
    private record Request(HttpExchange exchange, String method, String bucket, String key,
                           Map<String, String> query, String requestId) {
        Headers headers() {
            return exchange.getRequestHeaders();
        }

        String header(String name) {
            return exchange.getRequestHeaders().getFirst(name);
        }

        boolean head() {
            return method.equals("HEAD");
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String requestId = UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(Locale.ROOT);
            Request request;
            try {
                request = parse(exchange, requestId);
            } catch (Failure f) {
                sendError(exchange, "HEAD".equals(exchange.getRequestMethod()), requestId, f);
                return;
            }
            try {
                route(request);
            } catch (Failure f) {
                sendError(exchange, request.head(), requestId, f);
            } catch (RuntimeException e) {
                System.err.println("[s3-standin] " + request.method() + " " + exchange.getRequestURI() + " failed: " + e);
                sendError(exchange, request.head(), requestId, new Failure(500, "InternalError",
                        "We encountered an internal error: " + e));
            }
        }
    }

    private static Request parse(HttpExchange exchange, String requestId) {
        String rawPath = exchange.getRequestURI().getRawPath();
        if (rawPath == null || rawPath.isEmpty()) {
            rawPath = "/";
        }
        String path = rawPath.substring(1);
        String bucket = null;
        String key = null;
        if (!path.isEmpty()) {
            int slash = path.indexOf('/');
            bucket = percentDecode(slash < 0 ? path : path.substring(0, slash));
            if (slash >= 0 && slash < path.length() - 1) {
                key = percentDecode(path.substring(slash + 1));
            }
        }
        return new Request(exchange, exchange.getRequestMethod(), bucket, key,
                parseQuery(exchange.getRequestURI().getRawQuery()), requestId);
    }

    private void route(Request r) throws IOException {
        if (r.bucket() == null) {
            if (r.method().equals("GET")) {
                listBuckets(r);
                return;
            }
            throw new Failure(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }
        if (r.key() == null) {
            switch (r.method()) {
                case "PUT" -> {
                    allowOnly(r, Set.of());
                    createBucket(r);
                }
                case "HEAD" -> {
                    allowOnly(r, Set.of());
                    headBucket(r);
                }
                case "GET" -> {
                    if (r.query().containsKey("location")) {
                        allowOnly(r, Set.of("location"));
                        getBucketLocation(r);
                    } else if ("2".equals(r.query().get("list-type"))) {
                        allowOnly(r, LIST_PARAMETERS);
                        listObjectsV2(r);
                    } else {
                        throw notImplemented(r, "ListObjects (version 1) and bucket sub-resources");
                    }
                }
                case "POST" -> {
                    if (!r.query().containsKey("delete")) {
                        throw notImplemented(r, "POST on a bucket other than ?delete");
                    }
                    allowOnly(r, Set.of("delete"));
                    deleteObjects(r);
                }
                case "DELETE" -> {
                    allowOnly(r, Set.of());
                    deleteBucket(r);
                }
                default -> throw new Failure(405, "MethodNotAllowed",
                        "The specified method is not allowed against this resource.");
            }
            return;
        }
        switch (r.method()) {
            case "PUT" -> {
                allowOnly(r, Set.of());
                if (r.header("x-amz-copy-source") != null) {
                    throw notImplemented(r, "CopyObject");
                }
                putObject(r);
            }
            case "GET", "HEAD" -> {
                allowOnly(r, OBJECT_GET_PARAMETERS);
                getObject(r);
            }
            case "DELETE" -> {
                allowOnly(r, Set.of());
                deleteObject(r);
            }
            case "POST" -> throw notImplemented(r, "multipart uploads and POST object");
            default -> throw new Failure(405, "MethodNotAllowed",
                    "The specified method is not allowed against this resource.");
        }
    }

    /** Refuses query parameters (sub-resources) an operation here does not serve, rather than ignoring them. */
    private static void allowOnly(Request r, Set<String> allowed) {
        for (String name : r.query().keySet()) {
            if (!allowed.contains(name) && !ALWAYS_ALLOWED.contains(name)) {
                throw notImplemented(r, "?" + name);
            }
        }
    }

    private static Failure notImplemented(Request r, String what) {
        return new Failure(501, "NotImplemented", "The S3 stand-in does not serve " + what + " (" + r.method()
                + " " + r.exchange().getRequestURI() + "); see localstack/README.md");
    }

    // ------------------------------------------------------------------------------------------------------
    // Buckets
    // ------------------------------------------------------------------------------------------------------

    private void listBuckets(Request r) throws IOException {
        String prefix = r.query().getOrDefault("prefix", "");
        StringBuilder xml = xmlStart("ListAllMyBucketsResult");
        xml.append("<Owner><ID>").append(OWNER_ID).append("</ID><DisplayName>madang-local</DisplayName></Owner>");
        xml.append("<Buckets>");
        for (Bucket b : buckets.values()) {
            if (b.name.startsWith(prefix)) {
                xml.append("<Bucket><Name>").append(escape(b.name)).append("</Name><CreationDate>")
                        .append(XML_DATE.format(b.created)).append("</CreationDate><BucketRegion>").append(region)
                        .append("</BucketRegion></Bucket>");
            }
        }
        xml.append("</Buckets></ListAllMyBucketsResult>");
        sendXml(r, 200, xml);
    }

    private void createBucket(Request r) throws IOException {
        String name = r.bucket();
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..") || IP_ADDRESS.matcher(name).matches()) {
            throw new Failure(400, "InvalidBucketName", "The specified bucket is not valid.").with("BucketName", name);
        }
        readBody(r); // the optional CreateBucketConfiguration: any LocationConstraint is accepted
        if (buckets.putIfAbsent(name, new Bucket(name, Instant.now())) != null) {
            throw new Failure(409, "BucketAlreadyOwnedByYou", "Your previous request to create the named bucket "
                    + "succeeded and you already own it.").with("BucketName", name);
        }
        r.exchange().getResponseHeaders().set("Location", "/" + name);
        sendEmpty(r, 200);
    }

    private void headBucket(Request r) throws IOException {
        bucket(r);
        r.exchange().getResponseHeaders().set("x-amz-bucket-region", region);
        sendEmpty(r, 200);
    }

    private void getBucketLocation(Request r) throws IOException {
        bucket(r);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LocationConstraint xmlns=\"")
                .append(XMLNS).append("\">").append(region).append("</LocationConstraint>");
        sendXml(r, 200, xml);
    }

    private void deleteBucket(Request r) throws IOException {
        Bucket b = bucket(r);
        if (!b.objects.isEmpty()) {
            throw new Failure(409, "BucketNotEmpty", "The bucket you tried to delete is not empty")
                    .with("BucketName", b.name);
        }
        buckets.remove(b.name, b);
        sendEmpty(r, 204);
    }

    private Bucket bucket(Request r) {
        Bucket b = buckets.get(r.bucket());
        if (b == null) {
            throw new Failure(404, "NoSuchBucket", "The specified bucket does not exist").with("BucketName", r.bucket());
        }
        return b;
    }

    // ------------------------------------------------------------------------------------------------------
    // Listing
    // ------------------------------------------------------------------------------------------------------

    private void listObjectsV2(Request r) throws IOException {
        Bucket b = bucket(r);
        Map<String, String> q = r.query();
        String prefix = q.getOrDefault("prefix", "");
        String delimiter = emptyToNull(q.get("delimiter"));
        String token = emptyToNull(q.get("continuation-token"));
        String startAfter = emptyToNull(q.get("start-after"));
        boolean urlEncoded = "url".equals(q.get("encoding-type"));
        if (q.containsKey("encoding-type") && !urlEncoded) {
            throw new Failure(400, "InvalidArgument", "Invalid Encoding Method specified in Request")
                    .with("ArgumentName", "encoding-type");
        }
        int maxKeys = MAX_KEYS;
        if (q.containsKey("max-keys")) {
            try {
                maxKeys = Math.min(MAX_KEYS, Integer.parseInt(q.get("max-keys")));
            } catch (NumberFormatException e) {
                maxKeys = -1;
            }
            if (maxKeys < 0) {
                throw new Failure(400, "InvalidArgument", "Provided max-keys not an integer or within integer range")
                        .with("ArgumentName", "max-keys");
            }
        }
        // listing resumes after a marker: the continuation token's, else start-after, else the prefix itself
        String after = null;
        if (token != null) {
            after = decodeToken(token);
        } else if (startAfter != null) {
            after = startAfter;
        }
        NavigableMap<String, StoredObject> view = after != null && after.compareTo(prefix) >= 0
                ? b.objects.tailMap(after, false) : b.objects.tailMap(prefix, true);

        List<StoredObject> contents = new ArrayList<>();
        List<String> commonPrefixes = new ArrayList<>();
        String lastMarker = null;
        boolean truncated = false;
        for (StoredObject o : view.values()) {
            if (!o.key().startsWith(prefix)) {
                break; // keys are sorted: no later key has the prefix either
            }
            String common = null;
            if (delimiter != null) {
                int at = o.key().indexOf(delimiter, prefix.length());
                if (at >= 0) {
                    common = o.key().substring(0, at + delimiter.length());
                }
            }
            if (common != null && !commonPrefixes.isEmpty() && commonPrefixes.get(commonPrefixes.size() - 1)
                    .equals(common)) {
                continue; // rolled up into the common prefix already listed
            }
            if (contents.size() + commonPrefixes.size() >= maxKeys) {
                truncated = true;
                break;
            }
            if (common != null) {
                commonPrefixes.add(common);
                lastMarker = common + Character.MAX_VALUE; // resume after every key under it
            } else {
                contents.add(o);
                lastMarker = o.key();
            }
        }
        StringBuilder xml = xmlStart("ListBucketResult");
        element(xml, "Name", b.name);
        element(xml, "Prefix", encodeKey(prefix, urlEncoded));
        if (delimiter != null) {
            element(xml, "Delimiter", encodeKey(delimiter, urlEncoded));
        }
        element(xml, "MaxKeys", String.valueOf(maxKeys));
        element(xml, "KeyCount", String.valueOf(contents.size() + commonPrefixes.size()));
        element(xml, "IsTruncated", String.valueOf(truncated));
        if (urlEncoded) {
            element(xml, "EncodingType", "url");
        }
        if (token != null) {
            element(xml, "ContinuationToken", token);
        }
        if (truncated && lastMarker != null) {
            element(xml, "NextContinuationToken", encodeToken(lastMarker));
        }
        if (startAfter != null) {
            element(xml, "StartAfter", encodeKey(startAfter, urlEncoded));
        }
        for (StoredObject o : contents) {
            xml.append("<Contents>");
            element(xml, "Key", encodeKey(o.key(), urlEncoded));
            element(xml, "LastModified", XML_DATE.format(o.lastModified()));
            element(xml, "ETag", o.etag());
            element(xml, "Size", String.valueOf(o.size()));
            element(xml, "StorageClass", "STANDARD");
            if ("true".equals(q.get("fetch-owner"))) {
                xml.append("<Owner><ID>").append(OWNER_ID).append("</ID><DisplayName>madang-local</DisplayName></Owner>");
            }
            xml.append("</Contents>");
        }
        for (String p : commonPrefixes) {
            xml.append("<CommonPrefixes>");
            element(xml, "Prefix", encodeKey(p, urlEncoded));
            xml.append("</CommonPrefixes>");
        }
        xml.append("</ListBucketResult>");
        sendXml(r, 200, xml);
    }

    private static String encodeToken(String marker) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(marker.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeToken(String token) {
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Failure(400, "InvalidArgument", "The continuation token provided is incorrect")
                    .with("ArgumentName", "continuation-token");
        }
    }

    private static String encodeKey(String key, boolean urlEncoded) {
        return urlEncoded ? percentEncode(key, false) : key;
    }

    // ------------------------------------------------------------------------------------------------------
    // Objects
    // ------------------------------------------------------------------------------------------------------

    private void putObject(Request r) throws IOException {
        Bucket b = bucket(r);
        Payload payload = payload(r);
        Headers h = r.headers();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : h.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (name.startsWith("x-amz-meta-")) {
                metadata.put(name.substring("x-amz-meta-".length()), String.join(",", e.getValue()));
            }
        }
        String contentType = h.getFirst("Content-Type");
        StoredObject object = new StoredObject(r.key(), payload.data, quotedMd5(payload.data),
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                contentType == null || contentType.isBlank() ? DEFAULT_CONTENT_TYPE : contentType,
                h.getFirst("Cache-Control"), withoutAwsChunked(h.getFirst("Content-Encoding")),
                h.getFirst("Content-Disposition"), h.getFirst("Content-Language"), h.getFirst("Expires"),
                Map.copyOf(metadata), Map.copyOf(payload.checksums));
        String ifNoneMatch = h.getFirst("If-None-Match");
        if (ifNoneMatch != null) {
            if (!ifNoneMatch.strip().equals("*")) {
                throw new Failure(501, "NotImplemented", "A header you provided implies functionality that is not "
                        + "implemented: If-None-Match takes only *").with("Header", "If-None-Match");
            }
            if (b.objects.putIfAbsent(r.key(), object) != null) {
                throw new Failure(412, "PreconditionFailed", "At least one of the pre-conditions you specified did "
                        + "not hold").with("Condition", "If-None-Match");
            }
        } else {
            b.objects.put(r.key(), object);
        }
        Headers out = r.exchange().getResponseHeaders();
        out.set("ETag", object.etag());
        object.checksums().forEach((algorithm, value) -> out.set("x-amz-checksum-" + algorithm, value));
        if (!object.checksums().isEmpty()) {
            out.set("x-amz-checksum-type", "FULL_OBJECT");
        }
        sendEmpty(r, 200);
    }

    private void getObject(Request r) throws IOException {
        Bucket b = bucket(r);
        StoredObject o = b.objects.get(r.key());
        if (o == null) {
            throw new Failure(404, "NoSuchKey", "The specified key does not exist.").with("Key", r.key());
        }
        Headers out = r.exchange().getResponseHeaders();
        out.set("ETag", o.etag());
        out.set("Last-Modified", HTTP_DATE.format(o.lastModified()));
        int conditional = evaluateConditions(r, o);
        if (conditional == 304) {
            setStoredHeaders(out, o);
            sendEmpty(r, 304);
            return;
        }
        if (conditional == 412) {
            out.remove("ETag");
            out.remove("Last-Modified");
            throw new Failure(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not "
                    + "hold").with("Condition", r.header("If-Match") != null ? "If-Match" : "If-Unmodified-Since");
        }
        setStoredHeaders(out, o);
        out.set("Accept-Ranges", "bytes");
        o.metadata().forEach((name, value) -> out.set("x-amz-meta-" + name, value));
        for (String parameter : OBJECT_GET_PARAMETERS) {
            String value = r.query().get(parameter);
            if (value != null) {
                out.set(headerName(parameter.substring("response-".length())), value);
            }
        }
        long[] range = range(r.header("Range"), o.size());
        if (range != null) {
            out.set("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + o.size());
            sendBody(r, 206, o.body(), (int) range[0], (int) (range[1] - range[0] + 1));
            return;
        }
        if ("ENABLED".equalsIgnoreCase(r.header("x-amz-checksum-mode")) && !o.checksums().isEmpty()) {
            o.checksums().forEach((algorithm, value) -> out.set("x-amz-checksum-" + algorithm, value));
            out.set("x-amz-checksum-type", "FULL_OBJECT");
        }
        sendBody(r, 200, o.body(), 0, o.body().length);
    }

    private static void setStoredHeaders(Headers out, StoredObject o) {
        out.set("Content-Type", o.contentType());
        setIfPresent(out, "Cache-Control", o.cacheControl());
        setIfPresent(out, "Content-Encoding", o.contentEncoding());
        setIfPresent(out, "Content-Disposition", o.contentDisposition());
        setIfPresent(out, "Content-Language", o.contentLanguage());
        setIfPresent(out, "Expires", o.expires());
    }

    /**
     * S3's conditional GET: 412 when If-Match fails, or when If-Unmodified-Since fails and If-Match is absent; 304
     * when If-None-Match matches, or when If-Modified-Since holds (S3 answers 304 even if If-None-Match failed).
     * Else 200.
     */
    private static int evaluateConditions(Request r, StoredObject o) {
        String ifMatch = r.header("If-Match");
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, o.etag())) {
                return 412;
            }
        } else {
            Instant unmodifiedSince = httpDate(r.header("If-Unmodified-Since"));
            if (unmodifiedSince != null && o.lastModified().isAfter(unmodifiedSince)) {
                return 412;
            }
        }
        String ifNoneMatch = r.header("If-None-Match");
        if (ifNoneMatch != null && etagMatches(ifNoneMatch, o.etag())) {
            return 304;
        }
        Instant modifiedSince = httpDate(r.header("If-Modified-Since"));
        if (modifiedSince != null && !o.lastModified().isAfter(modifiedSince)) {
            return 304;
        }
        return 200;
    }

    /** Whether a list of entity tags ({@code *}, {@code "a", W/"b"}) names this one (weak comparison). */
    static boolean etagMatches(String condition, String etag) {
        String wanted = stripWeak(etag);
        for (String candidate : condition.split(",")) {
            String c = candidate.strip();
            if (c.equals("*") || stripWeak(c).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String stripWeak(String etag) {
        String e = etag.strip();
        return e.startsWith("W/") ? e.substring(2) : e;
    }

    /** A single {@code bytes=} range of an object of {@code size} bytes as [first, last], or null to send it all. */
    private static long[] range(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return null; // several ranges or a unit S3 ignores: the whole object, as S3 does
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            first = Math.max(0, size - suffix);
            last = size - 1;
            if (suffix == 0) {
                first = size;
            }
        } else {
            first = Long.parseLong(m.group(1));
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < first) {
                return null; // syntactically invalid: ignored
            }
            last = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
        }
        if (first >= size) {
            throw new Failure(416, "InvalidRange", "The requested range is not satisfiable")
                    .with("RangeRequested", header).with("ActualObjectSize", String.valueOf(size))
                    .header("Content-Range", "bytes */" + size);
        }
        return new long[] {first, last};
    }

    private void deleteObject(Request r) throws IOException {
        Bucket b = bucket(r);
        readBody(r);
        b.objects.remove(r.key());
        sendEmpty(r, 204);
    }

    private void deleteObjects(Request r) throws IOException {
        Bucket b = bucket(r);
        Headers h = r.headers();
        boolean integrity = h.getFirst("Content-MD5") != null
                || CHECKSUMS.stream().anyMatch(a -> h.getFirst("x-amz-checksum-" + a) != null)
                || h.getFirst("x-amz-trailer") != null;
        Payload payload = payload(r);
        if (!integrity) {
            throw new Failure(400, "InvalidRequest", "Missing required header for this request: Content-MD5");
        }
        Document document = parseXml(payload.data);
        Element root = document.getDocumentElement();
        if (!"Delete".equals(root.getLocalName())) {
            throw malformedXml();
        }
        boolean quiet = "true".equalsIgnoreCase(childText(root, "Quiet"));
        List<String> keys = new ArrayList<>();
        NodeList objects = root.getElementsByTagNameNS("*", "Object");
        for (int i = 0; i < objects.getLength(); i++) {
            Element object = (Element) objects.item(i);
            String key = childText(object, "Key");
            if (key == null) {
                throw malformedXml();
            }
            if (childText(object, "VersionId") != null) {
                throw new Failure(501, "NotImplemented", "The S3 stand-in keeps no versions: VersionId is not served");
            }
            keys.add(key);
        }
        if (keys.isEmpty() || keys.size() > MAX_KEYS) {
            throw malformedXml();
        }
        StringBuilder xml = xmlStart("DeleteResult");
        for (String key : keys) {
            b.objects.remove(key);
            if (!quiet) {
                xml.append("<Deleted>");
                element(xml, "Key", key);
                xml.append("</Deleted>");
            }
        }
        xml.append("</DeleteResult>");
        sendXml(r, 200, xml);
    }

    private static Failure malformedXml() {
        return new Failure(400, "MalformedXML", "The XML you provided was not well-formed or did not validate "
                + "against our published schema");
    }

    // ------------------------------------------------------------------------------------------------------
    // Request bodies: aws-chunked, integrity checks
    // ------------------------------------------------------------------------------------------------------

    /** A decoded request body and the checksums that came with it (header or trailer), verified. */
    private record Payload(byte[] data, Map<String, String> checksums) {
    }

    private static byte[] readBody(Request r) throws IOException {
        try (InputStream in = r.exchange().getRequestBody()) {
            // room for aws-chunked framing (about 90 bytes per 64 KiB chunk) above the largest object
            int limit = MAX_OBJECT_BYTES + MAX_OBJECT_BYTES / 512 + 64 * 1024;
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new Failure(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size "
                        + "of the S3 stand-in (" + MAX_OBJECT_BYTES + " bytes)");
            }
            return bytes;
        }
    }

    private static Payload payload(Request r) throws IOException {
        byte[] raw = readBody(r);
        Headers h = r.headers();
        String contentSha256 = h.getFirst("x-amz-content-sha256");
        boolean chunked = contentSha256 != null && contentSha256.startsWith("STREAMING-")
                || tokens(h.getFirst("Content-Encoding")).contains("aws-chunked");
        byte[] data;
        Map<String, String> trailers = Map.of();
        if (chunked) {
            AwsChunked decoded = AwsChunked.decode(raw);
            data = decoded.data;
            trailers = decoded.trailers;
            String declared = h.getFirst("x-amz-decoded-content-length");
            if (declared != null && !declared.strip().equals(String.valueOf(data.length))) {
                throw new Failure(400, "IncompleteBody", "You did not provide the number of bytes specified by the "
                        + "x-amz-decoded-content-length HTTP header (" + declared.strip() + " declared, " + data.length
                        + " received)");
            }
        } else {
            data = raw;
            if (contentSha256 != null && HEX_SHA256.matcher(contentSha256).matches()
                    && !HexFormat.of().formatHex(digest("SHA-256", data)).equalsIgnoreCase(contentSha256)) {
                throw new Failure(400, "XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header "
                        + "does not match what was computed.");
            }
        }
        if (data.length > MAX_OBJECT_BYTES) {
            throw new Failure(400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size of the "
                    + "S3 stand-in (" + MAX_OBJECT_BYTES + " bytes)");
        }
        String md5 = h.getFirst("Content-MD5");
        if (md5 != null) {
            byte[] wanted;
            try {
                wanted = Base64.getDecoder().decode(md5.strip());
            } catch (IllegalArgumentException e) {
                throw new Failure(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
            }
            if (!MessageDigest.isEqual(wanted, digest("MD5", data))) {
                throw new Failure(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
            }
        }
        Map<String, String> checksums = new LinkedHashMap<>();
        for (String algorithm : CHECKSUMS) {
            String value = trailers.get("x-amz-checksum-" + algorithm);
            if (value == null) {
                value = h.getFirst("x-amz-checksum-" + algorithm);
            }
            if (value == null) {
                continue;
            }
            String computed = checksum(algorithm, data);
            if (computed != null && !computed.equals(value.strip())) {
                throw new Failure(400, "BadDigest", "The " + algorithm.toUpperCase(Locale.ROOT) + " you specified "
                        + "did not match the calculated checksum.");
            }
            checksums.put(algorithm, value.strip());
        }
        return new Payload(data, checksums);
    }

    /**
     * The {@code aws-chunked} content encoding (SigV4 streaming uploads): {@code <hex size>[;chunk-signature=<sig>]
     * CRLF <bytes> CRLF}, repeated, ending with a zero-size chunk, then optional trailer lines
     * ({@code x-amz-checksum-crc32:<base64>}, {@code x-amz-trailer-signature:<sig>}) and an empty line. Chunk and
     * trailer signatures are read past, never checked.
     */
    private record AwsChunked(byte[] data, Map<String, String> trailers) {
        static AwsChunked decode(byte[] raw) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(raw.length);
            int at = 0;
            while (true) {
                int end = lineEnd(raw, at);
                String header = new String(raw, at, end - at, StandardCharsets.US_ASCII);
                at = end + 2;
                int semicolon = header.indexOf(';');
                String hex = (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
                int size;
                try {
                    size = Integer.parseInt(hex, 16);
                } catch (NumberFormatException e) {
                    throw incomplete("a chunk header is not '<hex size>[;chunk-signature=...]': '" + header + "'");
                }
                if (size < 0 || size > raw.length - at) {
                    throw incomplete("a chunk of " + size + " bytes is longer than the rest of the body");
                }
                if (size == 0) {
                    break;
                }
                out.write(raw, at, size);
                at += size;
                if (at + 2 > raw.length || raw[at] != '\r' || raw[at + 1] != '\n') {
                    throw incomplete("a chunk's data is not followed by CRLF");
                }
                at += 2;
            }
            Map<String, String> trailers = new LinkedHashMap<>();
            while (at < raw.length) {
                int end = lineEnd(raw, at);
                String line = new String(raw, at, end - at, StandardCharsets.US_ASCII);
                at = end + 2;
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw incomplete("a trailer is not 'name:value': '" + line + "'");
                }
                trailers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
            }
            return new AwsChunked(out.toByteArray(), trailers);
        }

        private static int lineEnd(byte[] raw, int from) {
            for (int i = from; i + 1 < raw.length; i++) {
                if (raw[i] == '\r' && raw[i + 1] == '\n') {
                    return i;
                }
            }
            throw incomplete("the aws-chunked body ends inside a chunk header or trailer");
        }

        private static Failure incomplete(String why) {
            return new Failure(400, "IncompleteBody", "The aws-chunked request body is malformed: " + why);
        }
    }

    /** The base64 checksum S3 would compute, or null for an algorithm the JDK has no implementation of. */
    private static String checksum(String algorithm, byte[] data) {
        return switch (algorithm) {
            case "crc32" -> crc(new CRC32(), data);
            case "crc32c" -> crc(new CRC32C(), data);
            case "sha1" -> Base64.getEncoder().encodeToString(digest("SHA-1", data));
            case "sha256" -> Base64.getEncoder().encodeToString(digest("SHA-256", data));
            default -> null;
        };
    }

    private static String crc(Checksum crc, byte[] data) {
        crc.update(data, 0, data.length);
        long value = crc.getValue();
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }

    static String quotedMd5(byte[] data) {
        return "\"" + HexFormat.of().formatHex(digest("MD5", data)) + "\"";
    }

    /** A Content-Encoding list without {@code aws-chunked}, or null if nothing else was in it. */
    private static String withoutAwsChunked(String contentEncoding) {
        List<String> rest = tokens(contentEncoding).stream().filter(t -> !t.equals("aws-chunked")).toList();
        return rest.isEmpty() ? null : String.join(",", rest);
    }

    private static List<String> tokens(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String t : list.split(",")) {
            if (!t.isBlank()) {
                out.add(t.strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static Document parseXml(byte[] body) {
        if (body.length > MAX_XML_BODY) {
            throw malformedXml();
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(body));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw malformedXml();
        }
    }

    private static String childText(Element parent, String localName) {
        for (org.w3c.dom.Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e.getTextContent();
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------------------
    // Answers
    // ------------------------------------------------------------------------------------------------------

    private static StringBuilder xmlStart(String root) {
        return new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root).append(" xmlns=\"")
                .append(XMLNS).append("\">");
    }

    private static void element(StringBuilder xml, String name, String value) {
        xml.append('<').append(name).append('>').append(escape(value)).append("</").append(name).append('>');
    }

    private static void sendXml(Request r, int status, StringBuilder xml) throws IOException {
        r.exchange().getResponseHeaders().set("Content-Type", "application/xml");
        sendBody(r, status, xml.toString().getBytes(StandardCharsets.UTF_8), 0, -1);
    }

    private static void sendEmpty(Request r, int status) throws IOException {
        stamp(r.exchange(), r.requestId());
        if (status != 304 && status != 204) {
            r.exchange().getResponseHeaders().set("Content-Length", "0");
        }
        r.exchange().sendResponseHeaders(status, -1);
    }

    /** Sends {@code length} bytes of {@code body} from {@code offset} (-1: all); a HEAD gets the headers only. */
    private static void sendBody(Request r, int status, byte[] body, int offset, int length) throws IOException {
        int n = length < 0 ? body.length - offset : length;
        stamp(r.exchange(), r.requestId());
        if (r.head()) {
            // the JDK server sends no Content-Length for HEAD by itself: the one a GET would have
            r.exchange().getResponseHeaders().set("Content-Length", String.valueOf(n));
            r.exchange().sendResponseHeaders(status, -1);
            return;
        }
        r.exchange().sendResponseHeaders(status, n == 0 ? -1 : n);
        if (n > 0) {
            try (OutputStream out = r.exchange().getResponseBody()) {
                out.write(body, offset, n);
            }
        }
    }

    private static void stamp(HttpExchange exchange, String requestId) {
        exchange.getResponseHeaders().set("x-amz-request-id", requestId);
        exchange.getResponseHeaders().set("x-amz-id-2", Base64.getEncoder().encodeToString(
                requestId.getBytes(StandardCharsets.US_ASCII)));
        exchange.getResponseHeaders().set("Server", "AmazonS3");
    }

    private static void sendError(HttpExchange exchange, boolean head, String requestId, Failure f) throws IOException {
        f.headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        stamp(exchange, requestId);
        if (head) {
            exchange.sendResponseHeaders(f.status, -1);
            return;
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>");
        element(xml, "Code", f.code);
        element(xml, "Message", f.getMessage());
        f.details.forEach((name, value) -> element(xml, name, value));
        element(xml, "RequestId", requestId);
        element(xml, "HostId", Base64.getEncoder().encodeToString(requestId.getBytes(StandardCharsets.US_ASCII)));
        xml.append("</Error>");
        byte[] bytes = xml.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(f.status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Small helpers
    // ------------------------------------------------------------------------------------------------------

    private static void setIfPresent(Headers headers, String name, String value) {
        if (value != null) {
            headers.set(name, value);
        }
    }

    /** {@code content-type} to {@code Content-Type}. */
    private static String headerName(String lower) {
        StringBuilder out = new StringBuilder();
        for (String part : lower.split("-")) {
            if (!out.isEmpty()) {
                out.append('-');
            }
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Instant httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip(), Instant::from);
        } catch (DateTimeParseException e) {
            return null; // an unreadable date is ignored, as HTTP says
        }
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Query parameters, percent-decoded ({@code +} stays a plus, as S3 reads it), in order; {@code ?delete} is "". */
    static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = percentDecode(eq < 0 ? pair : pair.substring(0, eq));
            out.putIfAbsent(name, eq < 0 ? "" : percentDecode(pair.substring(eq + 1)));
        }
        return out;
    }

    /** RFC 3986 percent-decoding (UTF-8); unlike {@code URLDecoder}, {@code +} is not a space. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                int hi = Character.digit(s.charAt(i + 1), 16);
                int lo = Character.digit(s.charAt(i + 2), 16);
                if (hi >= 0 && lo >= 0) {
                    out.write(hi * 16 + lo);
                    i += 2;
                    continue;
                }
            }
            byte[] bytes = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
            if (Character.isHighSurrogate(c) && i + 1 < s.length()) {
                bytes = s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
                i++;
            }
            out.write(bytes, 0, bytes.length);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** RFC 3986 percent-encoding (UTF-8) of everything but unreserved characters, and {@code /} if asked. */
    static String percentEncode(String s, boolean keepSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~' || keepSlash && c == '/') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** An S3-shaped error answer: status, code, message, extra elements and headers. */
    private static final class Failure extends RuntimeException {
        final int status;
        final String code;
        final Map<String, String> details = new LinkedHashMap<>();
        final Map<String, String> headers = new LinkedHashMap<>();

        Failure(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }

        Failure with(String element, String value) {
            details.put(element, value);
            return this;
        }

        Failure header(String name, String value) {
            headers.put(name, value);
            return this;
        }
    }
}
