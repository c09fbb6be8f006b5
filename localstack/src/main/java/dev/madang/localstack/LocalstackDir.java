package dev.madang.localstack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository's {@code localstack/} folder (package.json and the npm-installed engines). */
public final class LocalstackDir {

    /** System property set by the build (surefire) to the folder. */
    public static final String PROPERTY = "madang.localstack.dir";
    /** Environment variable naming the folder when the system property is absent. */
    public static final String ENV = "MADANG_LOCALSTACK_DIR";

    private LocalstackDir() {
    }

    /**
     * The localstack folder: the system property {@value #PROPERTY}, else the environment variable
     * {@value #ENV}, else the first {@code localstack/} folder holding a {@code package.json} found walking up
     * from the working directory.
     *
     * @throws IllegalStateException if none is found
     */
    public static Path localstackDir() {
        String configured = System.getProperty(PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(ENV);
        }
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("localstack");
            if (Files.isRegularFile(candidate.resolve("package.json"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("cannot find the localstack folder: set -D" + PROPERTY + " or "
                + ENV + ", or run from inside the repository (no localstack/package.json above " + start + ")");
    }
}
