package dev.madang.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.api.LocalAwsResource;
import dev.madang.localstack.CloudFrontStandIn;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.PortOneSandbox;
import dev.madang.localstack.TossSandbox;
import dev.madang.operator.PublishWebClient;
import io.restassured.RestAssured;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The web client as deployed, on the local stack: {@code web/dist} published to the template's WebBucket by the
 * release step's own code, served by the CloudFront stand-in of the template's WebDistribution, whose {@code /v1/*}
 * behaviours reach this test's API. The {@code config.json} beside it points the client at the sandboxes' windows
 * (PortOne's 본인인증, Toss's payment window), as the local runner's does.
 */
final class WebSite implements AutoCloseable {

    private final CloudFrontStandIn cloudFront;

    private WebSite(CloudFrontStandIn cloudFront) {
        this.cloudFront = cloudFront;
    }

    static WebSite start() {
        return start(WebClient.dist());
    }

    /** Publishes {@code dist} (a build of the client, or the benchmark's mix of it and the empty page) and serves it. */
    static WebSite start(java.nio.file.Path dist) {
        LocalAws aws = LocalAwsResource.aws();
        if (!PublishWebClient.isBuilt(dist)) {
            throw new IllegalStateException("web/dist is not built: the web module's build makes it (mvn -pl web compile)");
        }
        Map<String, Object> config = Map.of(
                "identityVerificationUrl", PortOneSandbox.verificationWindow(LocalAwsResource.portOne().baseUrl()).toString(),
                "tossCheckoutUrl", TossSandbox.checkoutWindow(LocalAwsResource.toss().baseUrl()).toString(),
                "socialProviders", List.of());
        try {
            PublishWebClient.publish(aws.s3(), aws.bucketName("WebBucket"), dist,
                    new ObjectMapper().writeValueAsBytes(config));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        URI api = URI.create("http://localhost:" + RestAssured.port);
        return new WebSite(aws.cloudFront(Map.of("ApiOrigin", api), 0));
    }

    /** The site's address for {@code path}, e.g. {@code url("/signup")}. */
    String url(String path) {
        return cloudFront.endpoint().resolve(path).toString();
    }

    @Override
    public void close() {
        cloudFront.close();
    }
}
