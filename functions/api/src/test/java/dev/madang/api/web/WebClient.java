package dev.madang.api.web;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the web client's sources ({@code web/}) and its build ({@code web/dist}) are, from any working directory. */
final class WebClient {

    private WebClient() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.exists(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("web"))) {
                return dir.resolve("web");
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("no web/ beside template.yaml above " + Path.of("").toAbsolutePath());
    }

    static Path dist() {
        return root().resolve("dist");
    }
}
