package dev.madang.localstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The S3 stand-in driven through the real SDK v2 S3Client (path-style) and, for what the SDK never sends, raw HTTP. */
class S3StandInTest {

    static final String BUCKET = "madang-test";

    static S3StandIn standIn;
    static S3Client s3;
    /** The {@code x-amz-content-sha256} and {@code Content-Encoding} of every PutObject the SDK sent. */
    static final List<String> putEncodings = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        standIn = S3StandIn.start();
        s3 = S3Client.builder().endpointOverride(standIn.endpoint()).forcePathStyle(true)
                .region(Region.of(LocalAws.REGION)).credentialsProvider(LocalAws.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context,
                                                   ExecutionAttributes attributes) {
                        if (context.httpRequest().method().name().equals("PUT")
                                && context.httpRequest().encodedPath().split("/").length > 2) {
                            putEncodings.add(context.httpRequest().firstMatchingHeader("x-amz-content-sha256")
                                    .orElse("-") + " " + context.httpRequest().firstMatchingHeader("Content-Encoding")
                                    .orElse("-"));
                        }
                    }
                }))
                .build();
    }

    @AfterAll
    static void stop() {
        if (s3 != null) {
            s3.close();
        }
        if (standIn != null) {
            standIn.close();
        }
    }

    @BeforeEach
    void freshBucket() {
        standIn.reset();
        putEncodings.clear();
        s3.createBucket(r -> r.bucket(BUCKET));
    }

    @Test
    void a_bucket_is_created_once_and_named_as_s3_allows() {
        s3.headBucket(r -> r.bucket(BUCKET));
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly(BUCKET);
        assertThatThrownBy(() -> s3.createBucket(r -> r.bucket(BUCKET)))
                .isInstanceOf(BucketAlreadyOwnedByYouException.class);
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("no-such-bucket")))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void a_bucket_name_s3_would_refuse_is_refused() throws Exception {
        // the SDK checks names before sending, so this one goes raw
        HttpResponse<String> capitals = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(standIn.endpoint() + "/Capitals")).PUT(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(capitals.statusCode()).isEqualTo(400);
        assertThat(capitals.body()).contains("<Code>InvalidBucketName</Code>");
        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly(BUCKET);
    }

    @Test
    void an_object_comes_back_with_its_headers_metadata_and_md5_etag() throws Exception {
        byte[] body = "console.log('마당')".getBytes(StandardCharsets.UTF_8);
        PutObjectResponse put = s3.putObject(r -> r.bucket(BUCKET).key("assets/index-AbCd1234.js")
                .contentType("text/javascript; charset=utf-8").cacheControl("public, max-age=31536000, immutable")
                .contentEncoding("identity").metadata(Map.of("release", "2026-11-30")), RequestBody.fromBytes(body));
        String md5 = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(body)) + "\"";
        assertThat(put.eTag()).isEqualTo(md5);

        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("assets/index-AbCd1234.js"));
        assertThat(got.asByteArray()).isEqualTo(body);
        GetObjectResponse meta = got.response();
        assertThat(meta.eTag()).isEqualTo(md5);
        assertThat(meta.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(meta.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(meta.contentEncoding()).as("aws-chunked is the transfer's, not the object's").isEqualTo("identity");
        assertThat(meta.metadata()).containsEntry("release", "2026-11-30");
        assertThat(meta.contentLength()).isEqualTo(body.length);
        assertThat(meta.lastModified()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(1));

        HeadObjectResponse head = s3.headObject(r -> r.bucket(BUCKET).key("assets/index-AbCd1234.js"));
        assertThat(head.contentLength()).isEqualTo(body.length);
        assertThat(head.eTag()).isEqualTo(md5);
        assertThat(head.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(head.lastModified()).isEqualTo(meta.lastModified());

        s3.putObject(r -> r.bucket(BUCKET).key("plain"), RequestBody.fromString("x"));
        assertThat(standIn.object(BUCKET, "plain")).hasValueSatisfying(o ->
                assertThat(o.contentType()).isIn("binary/octet-stream", "application/octet-stream",
                        "text/plain; charset=UTF-8"));
    }

    @Test
    void the_sdks_aws_chunked_upload_of_several_chunks_is_decoded() {
        byte[] body = new byte[700 * 1024 + 17]; // the SDK's chunks are 128 KiB: six of them and a short one
        new Random(7).nextBytes(body);
        s3.putObject(r -> r.bucket(BUCKET).key("rounds/r1/seats.json"), RequestBody.fromBytes(body));

        assertThat(putEncodings).singleElement().satisfies(e -> assertThat(e)
                .as("the SDK streams the body aws-chunked over plain HTTP").startsWith("STREAMING-")
                .contains("aws-chunked"));
        assertThat(standIn.object(BUCKET, "rounds/r1/seats.json").orElseThrow().body()).isEqualTo(body);
        assertThat(standIn.object(BUCKET, "rounds/r1/seats.json").orElseThrow().checksums())
                .as("the trailing checksum the SDK sent, verified and kept").containsKey("crc32");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("rounds/r1/seats.json")).asByteArray())
                .as("read back with the SDK validating the checksum").isEqualTo(body);
    }

    @Test
    void an_unsigned_aws_chunked_upload_with_a_trailing_checksum_is_decoded_and_checked() throws Exception {
        byte[] data = new byte[150_000];
        new Random(11).nextBytes(data);
        CRC32 crc = new CRC32();
        crc.update(data);
        String checksum = java.util.Base64.getEncoder().encodeToString(new byte[] {(byte) (crc.getValue() >>> 24),
                (byte) (crc.getValue() >>> 16), (byte) (crc.getValue() >>> 8), (byte) crc.getValue()});

        HttpResponse<String> ok = rawChunkedPut("unsigned.bin", data, 65_536, checksum);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().firstValue("x-amz-checksum-crc32")).hasValue(checksum);
        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("unsigned.bin")).asByteArray()).isEqualTo(data);

        HttpResponse<String> bad = rawChunkedPut("corrupt.bin", data, 65_536, "AAAAAA==");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("<Code>BadDigest</Code>");
        assertThat(standIn.object(BUCKET, "corrupt.bin")).isEmpty();
    }

    /** A PutObject as the SDK sends it over HTTPS: unsigned aws-chunked with a CRC32 trailer. */
    private static HttpResponse<String> rawChunkedPut(String key, byte[] data, int chunk, String crc32)
            throws Exception {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += chunk) {
            int n = Math.min(chunk, data.length - at);
            body.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            body.write(data, at, n);
            body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        body.write(("0\r\nx-amz-checksum-crc32:" + crc32 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        HttpRequest request = HttpRequest.newBuilder(URI.create(standIn.endpoint() + "/" + BUCKET + "/" + key))
                .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .header("Content-Encoding", "aws-chunked")
                .header("x-amz-decoded-content-length", String.valueOf(data.length))
                .header("x-amz-trailer", "x-amz-checksum-crc32")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_declared_length_that_the_chunks_do_not_have_is_refused() throws Exception {
        byte[] body = "5\r\nhello\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(standIn.endpoint() + "/" + BUCKET + "/short"))
                .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .header("Content-Encoding", "aws-chunked").header("x-amz-decoded-content-length", "6")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>IncompleteBody</Code>");
    }

    @Test
    void listing_pages_through_a_prefix_and_rolls_up_common_prefixes() {
        for (int i = 0; i < 7; i++) {
            int n = i;
            s3.putObject(r -> r.bucket(BUCKET).key("assets/chunk-" + n + ".js"), RequestBody.fromString("c" + n));
        }
        s3.putObject(r -> r.bucket(BUCKET).key("index.html"), RequestBody.fromString("<!doctype html>"));
        s3.putObject(r -> r.bucket(BUCKET).key("config.json"), RequestBody.fromString("{}"));

        ListObjectsV2Response first = s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("assets/").maxKeys(3));
        assertThat(first.isTruncated()).isTrue();
        assertThat(first.keyCount()).isEqualTo(3);
        assertThat(first.contents()).extracting(S3Object::key)
                .containsExactly("assets/chunk-0.js", "assets/chunk-1.js", "assets/chunk-2.js");
        assertThat(first.contents().get(0).size()).isEqualTo(2L);
        assertThat(first.contents().get(0).eTag()).startsWith("\"");
        ListObjectsV2Response second = s3.listObjectsV2(r -> r.bucket(BUCKET).prefix("assets/").maxKeys(3)
                .continuationToken(first.nextContinuationToken()));
        assertThat(second.contents()).extracting(S3Object::key)
                .containsExactly("assets/chunk-3.js", "assets/chunk-4.js", "assets/chunk-5.js");

        List<String> all = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(BUCKET).maxKeys(2)).contents().forEach(o -> all.add(o.key()));
        assertThat(all).hasSize(9).startsWith("assets/chunk-0.js").endsWith("config.json", "index.html");

        ListObjectsV2Response top = s3.listObjectsV2(r -> r.bucket(BUCKET).delimiter("/"));
        assertThat(top.commonPrefixes()).extracting(CommonPrefix::prefix).containsExactly("assets/");
        assertThat(top.contents()).extracting(S3Object::key).containsExactly("config.json", "index.html");
        assertThat(top.isTruncated()).isFalse();

        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET).startAfter("assets/chunk-5.js").maxKeys(2)).contents())
                .extracting(S3Object::key).containsExactly("assets/chunk-6.js", "config.json");
    }

    @Test
    void a_conditional_get_of_an_unchanged_object_is_304_and_of_a_changed_one_200() {
        String etag = s3.putObject(r -> r.bucket(BUCKET).key("index.html").contentType("text/html"),
                RequestBody.fromString("<!doctype html><p>v1")).eTag();

        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("index.html").ifNoneMatch(etag)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("index.html")
                .ifModifiedSince(Instant.now().plusSeconds(5))))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(304));
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("index.html").ifMatch("\"other\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));

        s3.putObject(r -> r.bucket(BUCKET).key("index.html").contentType("text/html"),
                RequestBody.fromString("<!doctype html><p>v2"));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("index.html").ifNoneMatch(etag)).asUtf8String())
                .endsWith("v2");
    }

    @Test
    void a_missing_key_or_bucket_is_s3s_404() {
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("assets/gone.js")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchKey");
                });
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket(BUCKET).key("assets/gone.js")))
                .isInstanceOf(NoSuchKeyException.class);
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("no-such-bucket").key("k")))
                .isInstanceOf(NoSuchBucketException.class);
    }

    @Test
    void a_range_is_served_206() {
        s3.putObject(r -> r.bucket(BUCKET).key("digits"), RequestBody.fromString("0123456789"));
        ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("digits")
                .range("bytes=2-4"));
        assertThat(part.asUtf8String()).isEqualTo("234");
        assertThat(part.response().contentRange()).isEqualTo("bytes 2-4/10");
        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("digits").range("bytes=-3")).asUtf8String())
                .isEqualTo("789");
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("digits").range("bytes=20-")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(416));
    }

    @Test
    void if_none_match_star_makes_a_put_conditional() {
        s3.putObject(r -> r.bucket(BUCKET).key("once").ifNoneMatch("*"), RequestBody.fromString("first"));
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket(BUCKET).key("once").ifNoneMatch("*"),
                RequestBody.fromString("second")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(412));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key("once")).asUtf8String()).isEqualTo("first");
    }

    @Test
    void objects_are_deleted_one_by_one_and_in_batches() {
        for (String key : List.of("a", "b", "c", "d")) {
            s3.putObject(r -> r.bucket(BUCKET).key(key), RequestBody.fromString(key));
        }
        s3.deleteObject(r -> r.bucket(BUCKET).key("a"));
        s3.deleteObject(r -> r.bucket(BUCKET).key("never-there"));
        DeleteObjectsResponse batch = s3.deleteObjects(r -> r.bucket(BUCKET).delete(d -> d.objects(
                ObjectIdentifier.builder().key("b").build(), ObjectIdentifier.builder().key("c").build(),
                ObjectIdentifier.builder().key("missing").build())));
        assertThat(batch.deleted()).extracting(DeletedObject::key).containsExactly("b", "c", "missing");
        assertThat(batch.errors()).isEmpty();
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET)).contents()).extracting(S3Object::key).containsExactly("d");

        DeleteObjectsResponse quiet = s3.deleteObjects(r -> r.bucket(BUCKET).delete(d -> d.quiet(true)
                .objects(ObjectIdentifier.builder().key("d").build())));
        assertThat(quiet.deleted()).isEmpty();
        assertThat(s3.listObjectsV2(r -> r.bucket(BUCKET)).keyCount()).isZero();
    }

    @Test
    void what_it_does_not_serve_is_refused_not_ignored() {
        s3.putObject(r -> r.bucket(BUCKET).key("k"), RequestBody.fromString("v"));
        assertThatThrownBy(() -> s3.getObjectTagging(r -> r.bucket(BUCKET).key("k")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(501);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NotImplemented");
                });
        assertThatThrownBy(() -> s3.copyObject(r -> r.sourceBucket(BUCKET).sourceKey("k").destinationBucket(BUCKET)
                .destinationKey("k2")))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(501));
    }
}
