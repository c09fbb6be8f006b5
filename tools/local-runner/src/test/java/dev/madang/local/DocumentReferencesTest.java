package dev.madang.local;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repository stands alone: every Markdown document that a source file, script, configuration file or document
 * names, by path ({@code docs/architecture.md}) or by bare file name, must be in the repository, so that a newcomer
 * with a clone can read what the code points at. Links to other sites ({@code https://github.com/.../README.md})
 * are not checked. A path resolves against the referring file's folder or the repository root; a bare file name
 * resolves when any file of the repository has that name.
 *
 * <p>The files read are those git tracks plus untracked ones it does not ignore ({@code git ls-files}); without
 * git, the working tree minus {@code .git}, {@code node_modules}, {@code target} and the local runner's
 * {@code .madang}.
 */
class DocumentReferencesTest {

    static final Set<String> TEXT_EXTENSIONS = Set.of("java", "yaml", "yml", "json", "mjs", "js", "cjs", "sh", "md",
            "xml", "properties", "toml", "txt");
    static final Set<String> SKIPPED_FOLDERS = Set.of(".git", "node_modules", "target", ".madang", ".idea", ".vscode",
            ".aws-sam");
    /** A Markdown file name, maybe after a folder path: a word character or '-' right before the extension. */
    static final Pattern DOCUMENT = Pattern.compile("[\\w./-]*[\\w-]\\.md\\b");
    /** URLs (with a scheme, or a bare host name and a path): other sites' documents are not ours to check. */
    static final Pattern URL = Pattern.compile(
            "\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s)\\]>\"'`]*|\\b(?:[a-zA-Z0-9-]+\\.)+(?:com|org|net|io|kr)/[^\\s)\\]>\"'`]*");

    @Test
    void everyDocumentTheRepositoryNamesIsInIt() {
        Path root = repositoryRoot();
        List<String> all = listFiles(root);
        Map<String, String> files = readTextFiles(root, all);

        List<String> problems = problems(new HashSet<>(all), files);

        assertThat(problems)
                .withFailMessage(() -> problems.size() + " reference(s) to documents the repository does not contain"
                        + " (write the document under docs/, or point at one that exists):\n  "
                        + String.join("\n  ", problems))
                .isEmpty();
    }

    @Test
    void theCheckFlagsMissingDocumentsByPathOrNameAndLeavesUrlsAlone() {
        Set<String> repository = Set.of(md("README"), md("docs/api"), md("localstack/README"),
                md("localstack/patches/README"), "functions/a/Foo.java", "localstack/compose.yml");
        Map<String, String> files = new TreeMap<>(Map.of(
                "functions/a/Foo.java", String.join("\n",
                        "/** Errors as " + md("docs/api") + " says; see " + md("docs/api") + "#errors. */",
                        "// the rules: " + md("NOTES") + " section 6, and " + md("docs/nothere") + " §2",
                        "// " + md("api") + " by bare name is fine, " + md("README") + " too",
                        "// https://github.com/architect/dynalite/blob/main/" + md("CHANGELOG"),
                        "// github.com/x/y/" + md("OTHER") + " and *.md globs are not documents"),
                "localstack/compose.yml", "# see " + md("README") + " and " + md("patches/README")
                        + " (beside this file); " + md("../docs/api") + "; " + md("../docs/gone"),
                md("README"), "[API](" + md("docs/api") + ") [arch](" + md("docs/architecture") + "#3-data)"));

        assertThat(problems(repository, files)).containsExactly(
                md("README") + ":1: " + md("docs/architecture"),
                "functions/a/Foo.java:2: " + md("NOTES"),
                "functions/a/Foo.java:2: " + md("docs/nothere"),
                "localstack/compose.yml:1: " + md("../docs/gone"));
    }

    /** Builds a document name without writing one into this file, which the check reads too. */
    private static String md(String name) {
        return name + ".md";
    }

    /** {@code file:line: reference} for every reference that resolves to no file of {@code repository}. */
    static List<String> problems(Set<String> repository, Map<String, String> files) {
        Set<String> names = repository.stream().map(p -> p.substring(p.lastIndexOf('/') + 1))
                .collect(Collectors.toSet());
        List<String> problems = new ArrayList<>();
        new TreeMap<>(files).forEach((file, text) -> {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = URL.matcher(lines[i]).replaceAll(" ");
                Matcher m = DOCUMENT.matcher(line);
                while (m.find()) {
                    String reference = m.group();
                    if (!resolves(reference, file, repository, names)) {
                        problems.add(file + ":" + (i + 1) + ": " + reference);
                    }
                }
            }
        });
        return problems;
    }

    static boolean resolves(String reference, String referrer, Set<String> repository, Set<String> names) {
        if (!reference.contains("/")) {
            return names.contains(reference);
        }
        int slash = referrer.lastIndexOf('/');
        String folder = slash < 0 ? "" : referrer.substring(0, slash + 1);
        String fromFolder = normalise(folder + reference);
        String fromRoot = normalise(reference);
        return fromFolder != null && repository.contains(fromFolder) || fromRoot != null && repository.contains(fromRoot);
    }

    /** Resolves "." and ".." segments; null when the path climbs out of the repository. */
    static String normalise(String path) {
        List<String> out = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (out.isEmpty()) {
                    return null;
                }
                out.remove(out.size() - 1);
            } else {
                out.add(segment);
            }
        }
        return String.join("/", out);
    }

    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run from inside the repository: no template.yaml, pom.xml and functions/"
                + " above " + Path.of("").toAbsolutePath());
    }

    /** Repository-relative paths with '/' of the files that exist: git's view when git answers, else a walk. */
    static List<String> listFiles(Path root) {
        List<String> listed = gitLsFiles(root);
        if (listed == null) {
            try (Stream<Path> walk = Files.walk(root)) {
                listed = walk.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return listed.stream()
                .filter(p -> Stream.of(p.split("/")).noneMatch(s -> SKIPPED_FOLDERS.contains(s) || s.startsWith("target-")))
                .filter(p -> Files.isRegularFile(root.resolve(p)))
                .sorted().toList();
    }

    private static List<String> gitLsFiles(Path root) {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
                    .directory(root.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (!git.waitFor(30, TimeUnit.SECONDS) || git.exitValue() != 0) {
                return null;
            }
            return Stream.of(new String(out, StandardCharsets.UTF_8).split("\0")).filter(s -> !s.isEmpty())
                    .distinct().toList();
        } catch (IOException e) {
            return null; // no git on this machine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The text files among {@code paths}: known extensions, or a script starting with "#!". */
    static Map<String, String> readTextFiles(Path root, List<String> paths) {
        Map<String, String> texts = new TreeMap<>();
        for (String p : paths) {
            String name = p.substring(p.lastIndexOf('/') + 1);
            int dot = name.lastIndexOf('.');
            String extension = dot < 0 ? "" : name.substring(dot + 1);
            try {
                byte[] bytes = Files.readAllBytes(root.resolve(p));
                String text = decode(bytes);
                if (text != null && (TEXT_EXTENSIONS.contains(extension) || text.startsWith("#!"))) {
                    texts.put(p, text);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }

    private static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null; // not UTF-8 text
        }
    }
}
