package dev.madang.operator;

import dev.madang.localstack.LocalAws;
import dev.madang.localstack.S3StandIn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Publishes small fake builds of the web client to the S3 stand-in through the real S3Client. */
class PublishWebClientTest {

    static final String BUCKET = "webbucket";

    static S3StandIn standIn;
    static S3Client s3;
    /** Keys of the PutObject requests the client sent, in order. */
    static final List<String> puts = new CopyOnWriteArrayList<>();

    @TempDir
    Path temp;

    @BeforeAll
    static void start() {
        standIn = S3StandIn.start();
        s3 = S3Client.builder().endpointOverride(standIn.endpoint()).forcePathStyle(true)
                .region(Region.of(LocalAws.REGION)).credentialsProvider(LocalAws.credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof software.amazon.awssdk.services.s3.model.PutObjectRequest put) {
                            puts.add(put.key());
                        }
                    }
                })).build();
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
    void emptyBucket() {
        standIn.reset();
        puts.clear();
        s3.createBucket(r -> r.bucket(BUCKET));
    }

    private Path build(String name, String... pathsAndContents) throws IOException {
        Path dist = temp.resolve(name);
        for (int i = 0; i < pathsAndContents.length; i += 2) {
            Path file = dist.resolve(pathsAndContents[i]);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pathsAndContents[i + 1]);
        }
        return dist;
    }

    private HeadObjectResponse head(String key) {
        return s3.headObject(r -> r.bucket(BUCKET).key(key));
    }

    private String read(String key) {
        return s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asUtf8String();
    }

    @Test
    void every_file_gets_its_type_and_caching_and_index_html_comes_last() throws IOException {
        Path dist = build("v1",
                "index.html", "<!doctype html><script src=/assets/index-AbCd1234.js></script>",
                "assets/index-AbCd1234.js", "export default 1;",
                "assets/index-EfGh5678.css", "body{margin:0}",
                "assets/logo-Zz9Yy8Xx.svg", "<svg/>",
                "assets/index-AbCd1234.js.map", "{}",
                "favicon.ico", "ico",
                "robots.txt", "User-agent: *",
                "config.json", "{\"apiBase\":\"from-the-build\"}",
                ".DS_Store", "junk");

        PublishWebClient.Published p = PublishWebClient.publish(s3, BUCKET, dist,
                "{\"apiBase\":\"\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(p.uploaded()).hasSize(8).last().isEqualTo("index.html");
        assertThat(puts).isEqualTo(p.uploaded());
        assertThat(p.uploaded().subList(0, 4)).as("hashed assets first").allMatch(k -> k.startsWith("assets/"));
        assertThat(p.uploaded().indexOf("config.json")).isEqualTo(6);
        assertThat(p.unchanged()).isEmpty();
        assertThat(p.kept()).isEmpty();

        HeadObjectResponse js = head("assets/index-AbCd1234.js");
        assertThat(js.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(js.cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(head("assets/index-EfGh5678.css").contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(head("assets/logo-Zz9Yy8Xx.svg").contentType()).isEqualTo("image/svg+xml");
        assertThat(head("assets/index-AbCd1234.js.map").cacheControl()).isEqualTo(PublishWebClient.IMMUTABLE);
        HeadObjectResponse index = head("index.html");
        assertThat(index.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(index.cacheControl()).isEqualTo("no-cache");
        assertThat(head("favicon.ico").cacheControl()).isEqualTo("no-cache");
        assertThat(head("robots.txt").contentType()).isEqualTo("text/plain; charset=utf-8");
        HeadObjectResponse config = head("config.json");
        assertThat(config.contentType()).isEqualTo("application/json");
        assertThat(config.cacheControl()).isEqualTo("no-cache");
        assertThat(read("config.json")).as("the caller's config replaces the build's").isEqualTo("{\"apiBase\":\"\"}");
        assertThat(standIn.object(BUCKET, ".DS_Store")).isEmpty();
    }

    @Test
    void a_new_release_leaves_the_old_chunks_in_place_and_skips_unchanged_ones() throws IOException {
        PublishWebClient.publish(s3, BUCKET, build("v1",
                "index.html", "<script src=/assets/index-AbCd1234.js></script>",
                "assets/index-AbCd1234.js", "export default 1;",
                "assets/vendor-Vv11Vv11.js", "export const lib = true;"), null);
        puts.clear();

        PublishWebClient.Published second = PublishWebClient.publish(s3, BUCKET, build("v2",
                "index.html", "<script src=/assets/index-NewHash2.js></script>",
                "assets/index-NewHash2.js", "export default 2;",
                "assets/vendor-Vv11Vv11.js", "export const lib = true;"), null);

        assertThat(second.uploaded()).containsExactly("assets/index-NewHash2.js", "index.html");
        assertThat(second.unchanged()).containsExactly("assets/vendor-Vv11Vv11.js");
        assertThat(second.kept()).containsExactly("assets/index-AbCd1234.js");
        assertThat(read("assets/index-AbCd1234.js")).as("a page loaded before v2 still finds its chunk")
                .isEqualTo("export default 1;");
        assertThat(read("index.html")).contains("index-NewHash2.js");
        assertThat(PublishWebClient.summary(BUCKET, second)).contains("2 files").contains("1 files of earlier releases")
                .contains("no CloudFront invalidation needed");
    }

    @Test
    void the_command_publishes_a_folder_and_refuses_one_not_built() throws IOException {
        Path dist = build("cmd", "index.html", "<p>hi", "assets/app-AbCd1234.js", "1");
        Path config = temp.resolve("prod-config.json");
        Files.writeString(config, "{\"apiBase\":\"\",\"tossClientKey\":\"live_ck\"}");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        // the command builds its client from the environment (MADANG_AWS_ENDPOINT_S3): the release itself goes
        // through publish(...) here, the same code
        assertThat(PublishWebClient.run(new String[0], new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: PublishWebClient <bucket");

        PublishWebClient.Published p = PublishWebClient.publish(s3, BUCKET, dist, Files.readAllBytes(config));
        assertThat(p.uploaded()).containsExactly("assets/app-AbCd1234.js", "config.json", "index.html");
        assertThat(read("config.json")).contains("live_ck");

        assertThatThrownBy(() -> PublishWebClient.publish(s3, BUCKET, temp.resolve("not-built"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("npm --prefix web ci && npm --prefix web run build");
    }

    @Test
    void only_content_hashed_files_under_assets_are_immutable() {
        assertThat(PublishWebClient.isHashedAsset("assets/index-3f2aB9c1.js")).isTrue();
        assertThat(PublishWebClient.isHashedAsset("assets/Pretendard-Regular.subset-Qx8e_Zk1.woff2")).isTrue();
        assertThat(PublishWebClient.isHashedAsset("assets/logo.svg")).as("no hash: may change under its name")
                .isFalse();
        assertThat(PublishWebClient.isHashedAsset("index-3f2aB9c1.js")).as("not under assets/").isFalse();
        assertThat(PublishWebClient.cacheControl("index.html")).isEqualTo("no-cache");
        assertThat(PublishWebClient.contentType("assets/a-12345678.woff2")).isEqualTo("font/woff2");
        assertThat(PublishWebClient.contentType("LICENSE")).isEqualTo("application/octet-stream");
    }
}
