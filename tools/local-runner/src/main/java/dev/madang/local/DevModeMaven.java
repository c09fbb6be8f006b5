package dev.madang.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The Maven that runs Quarkus dev mode. Quarkus 3.33 refuses Maven older than 3.9; when the runner itself was started
 * by an older Maven, it unpacks Apache Maven 3.9.9 (resolved from Maven Central by the build) under .madang/.
 */
final class DevModeMaven {

    private DevModeMaven() {
    }

    static Path executable(Path root) throws IOException {
        String version = System.getProperty("madang.maven.version", "");
        if (atLeast39(version)) {
            return Paths.get("mvn");
        }
        Path home = root.resolve(".madang/apache-maven-3.9.9");
        Path mvn = home.resolve("bin/mvn");
        if (Files.isExecutable(mvn)) {
            return mvn;
        }
        Path zip = Paths.get(System.getProperty("madang.maven.zip", ""));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Maven " + version + " is too old for Quarkus dev mode and " + zip
                    + " is missing; run `mvn install -DskipTests` first (it fetches Maven 3.9.9)");
        }
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                // entries are apache-maven-3.9.9/...; strip the top folder
                String name = e.getName().substring(e.getName().indexOf('/') + 1);
                Path target = home.resolve(name).normalize();
                if (name.isEmpty() || !target.startsWith(home)) {
                    continue;
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    copy(in, target);
                }
            }
        }
        mvn.toFile().setExecutable(true);
        return mvn;
    }

    private static void copy(InputStream in, Path target) throws IOException {
        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static boolean atLeast39(String version) {
        String[] parts = version.split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return major > 3 || (major == 3 && minor >= 9);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
