package dev.madang.api.web;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium from Debian's {@code chromium} package (Playwright never downloads a browser here), driven by
 * Playwright, with what every main screen is checked for: a screenshot at phone and desktop sizes (build output under
 * {@code target/screenshots}), no horizontal scroll at 360 px, and no serious or critical axe-core (WCAG 2.1 AA)
 * violation.
 */
final class Browser implements AutoCloseable {

    /** The narrowest phone the client is laid out for, and a desktop. */
    static final int PHONE_WIDTH = 360;
    static final int PHONE_HEIGHT = 780;
    static final int DESKTOP_WIDTH = 1280;
    static final int DESKTOP_HEIGHT = 800;
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;
    private final Path screenshots;
    private final List<String> apiTrail = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium, Path screenshots) {
        this.playwright = playwright;
        this.chromium = chromium;
        this.screenshots = screenshots;
    }

    static Browser launch() {
        Path executable = Path.of(System.getProperty("madang.chromium", "/usr/bin/chromium"));
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("the browser tests need Chromium at " + executable
                    + " (Debian: apt-get install chromium; or -Dmadang.chromium=/path/to/chromium)");
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        com.microsoft.playwright.Browser chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(executable).setHeadless(true)
                // a container has no user namespaces for Chromium's sandbox; the pages are our own
                .setArgs(List.of("--no-sandbox", "--disable-dev-shm-usage")));
        // web-first assertions wait as long as actions do (the context's 15 s): at Playwright's own 5 s, CI once found
        // the tickets screen still empty on its busy two cores (inferred from the failure; not reproduced here)
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        return new Browser(playwright, chromium, Path.of("target", "screenshots"));
    }

    /** A fresh browser profile (no storage shared with other tests) at phone size, Korean. */
    Page phone() {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(PHONE_WIDTH, PHONE_HEIGHT).setLocale("ko-KR").setTimezoneId("Asia/Seoul")
                .setDeviceScaleFactor(1));
        context.setDefaultTimeout(15_000);
        Page page = context.newPage();
        apiTrail.clear(); // a failure reports the page it happened on, not earlier ones
        page.onResponse(r -> {
            if (!r.url().contains("/v1/")) {
                return;
            }
            String body = "";
            if (r.status() >= 400) {
                try {
                    body = " " + r.text();
                } catch (RuntimeException unreadable) {
                    // the status alone is still worth reporting
                }
            }
            // the last API answers for the failure report, refusals with their problem: what a screen was given says
            // more than a screenshot
            apiTrail.add(r.request().method() + " " + r.url() + " -> " + r.status()
                    + body.substring(0, Math.min(400, body.length())));
            while (apiTrail.size() > 25) {
                apiTrail.remove(0);
            }
        });
        page.onConsoleMessage(m -> {
            if ("error".equals(m.type())) {
                apiTrail.add("console: " + m.text());
            }
        });
        return page;
    }

    /**
     * Checks the screen now shown: screenshots at phone and desktop sizes named {@code name}, the layout at 360 px,
     * and axe-core's WCAG 2.1 A/AA rules. Leaves the page at phone size.
     */
    void checkScreen(Page page, String name) {
        // every screen renders its one h1 once its data is in (and the sandbox windows have theirs): check that, not a
        // blank page still loading
        page.locator("h1").first().waitFor();
        page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
        page.waitForFunction("() => !document.querySelector('.loading')"); // the shared Loading line is gone
        try {
            Files.createDirectories(screenshots);
            page.setViewportSize(PHONE_WIDTH, PHONE_HEIGHT);
            int scrollWidth = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
            assertThat(scrollWidth).as("%s: no horizontal scroll at %d px", name, PHONE_WIDTH).isLessThanOrEqualTo(PHONE_WIDTH);
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(name + "-phone.png")).setFullPage(true));
            assertNoSeriousViolations(page, name);
            page.setViewportSize(DESKTOP_WIDTH, DESKTOP_HEIGHT);
            page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve(name + "-desktop.png")).setFullPage(true));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            page.setViewportSize(PHONE_WIDTH, PHONE_HEIGHT);
        }
    }

    private static void assertNoSeriousViolations(Page page, String name) {
        AxeResults results = new AxeBuilder(page).withTags(WCAG_21_AA).analyze();
        List<Rule> serious = results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact())).toList();
        assertThat(serious).as("%s: serious or critical WCAG 2.1 AA violations:%n%s", name, serious.stream()
                .map(v -> "  " + v.getId() + " (" + v.getImpact() + "): " + v.getHelp() + " at " + v.getNodes().stream()
                        .limit(3).map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", ")))
                .collect(Collectors.joining("\n"))).isEmpty();
    }

    /**
     * Runs a test's steps on {@code page}; if one fails, saves what the browser showed ({@code FAILED-<name>.png}) and
     * adds the page's address and text to the failure, so a red build says what the fan saw.
     */
    void recording(Page page, String name, Runnable steps) {
        try {
            steps.run();
        } catch (RuntimeException | AssertionError failure) {
            String seen;
            try {
                Files.createDirectories(screenshots);
                page.screenshot(new Page.ScreenshotOptions().setPath(screenshots.resolve("FAILED-" + name + ".png"))
                        .setFullPage(true));
                String text = page.locator("body").innerText();
                seen = "\nthe page at " + page.url() + " read:\n" + text.substring(0, Math.min(1_500, text.length()))
                        + "\nthe last API answers and console errors:\n" + String.join("\n", apiTrail);
            } catch (RuntimeException | java.io.IOException unreadable) {
                seen = "\n(the page could not be read: " + unreadable + ")";
            }
            // in the failure's own message, not a suppressed one: the build's summary of failures prints only that
            AssertionError reported = new AssertionError(failure.getMessage() + seen, failure);
            reported.setStackTrace(failure.getStackTrace());
            throw reported;
        }
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
