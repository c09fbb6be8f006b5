package dev.madang.aws.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What every HTTP adapter to an outside provider (PortOne, Toss, Kakao, Naver) does the same way: an HTTP/1.1
 * client that never follows a redirect (a redirect would carry our credentials to another host), base URLs without a
 * trailing slash, credentials checked before they go into a header, and jittered exponential backoff between
 * attempts.
 */
public final class ProviderHttp {

    private ProviderHttp() {
    }

    public static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public static URI withoutTrailingSlash(URI baseUrl) {
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** Whether a credential can go into a header as it is (present, printable ASCII, no spaces or line breaks). */
    public static boolean headerSafe(String credential) {
        return credential != null && !credential.isBlank() && credential.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    /**
     * Waits before retry number {@code retry} (1, 2, …): {@code firstBackoff} doubled per retry, less a random part
     * of up to half, so clients that failed together do not retry together. False when the thread was interrupted
     * (its flag set again): the caller gives up with its own "unavailable" error.
     */
    public static boolean pauseBeforeRetry(int retry, Duration firstBackoff) {
        long full = firstBackoff.toMillis() << (retry - 1);
        long wait = full - ThreadLocalRandom.current().nextLong(full / 2 + 1);
        try {
            Thread.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
