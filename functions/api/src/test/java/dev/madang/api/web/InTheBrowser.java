package dev.madang.api.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** What each browser test class has: Chromium, and the web client published and served in front of the API. */
abstract class InTheBrowser {

    static Browser browser;
    static WebSite site;

    @BeforeAll
    static void launch() {
        browser = Browser.launch();
    }

    /** Here, not in @BeforeAll: Quarkus tells RestAssured the API's port only before each test. */
    @BeforeEach
    void publish() {
        if (site == null) {
            site = WebSite.start();
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
        if (site != null) {
            site.close();
            site = null;
        }
    }
}
