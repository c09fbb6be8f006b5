package dev.madang.local;

import dev.madang.localstack.LocalAws;
import dev.madang.localstack.SamTemplate;
import dev.madang.localstack.SamTemplate.Parameter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The LocalStack ready hook ({@code localstack/init/ready.d/10-madang.sh}) against template.yaml. The hook cannot run
 * on the machines this project is built on (no Docker), so its {@code samlocal deploy --parameter-overrides} is read
 * as text: every {@code Name=value} it passes must be a parameter the template declares, and every parameter without
 * a {@code Default} must be passed (CloudFormation refuses the deploy otherwise). Also {@code bash -n} of the script,
 * where bash exists.
 */
class InitHookParametersTest {

    static final String SCRIPT = "localstack/init/ready.d/10-madang.sh";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]+");

    static SamTemplate template;
    static Path script;

    @BeforeAll
    static void read() {
        template = SamTemplate.load(LocalAws.templatePath());
        script = LocalAws.templatePath().getParent().resolve(SCRIPT);
    }

    @Test
    void the_hook_passes_every_required_parameter_and_only_declared_ones() throws IOException {
        String text = Files.readString(script, StandardCharsets.UTF_8);
        assertThat(template.parameters()).as("template.yaml's parameters").isNotEmpty();
        assertThat(parameterOverrides(text)).as("the hook's --parameter-overrides").isNotEmpty();
        assertThat(problems(template, text)).isEmpty();
    }

    @Test
    void the_check_finds_an_undeclared_and_a_missing_parameter() {
        // the invocation as it was before issue 9: JwksUrl is not a parameter, the secrets and client ids were missing
        String broken = """
                (cd "$work" && samlocal deploy \\
                    --template-file template.yaml \\
                    --parameter-overrides Stage=dev \\
                      "JwtIssuer=${MADANG_JWT_ISSUER}" "JwksUrl=${MADANG_JWKS_URL}" LogRetentionDays=1)
                """;
        assertThat(parameterOverrides(broken)).containsExactly("Stage=dev", "JwtIssuer=${MADANG_JWT_ISSUER}",
                "JwksUrl=${MADANG_JWKS_URL}", "LogRetentionDays=1");
        assertThat(problems(template, broken))
                .contains("passes JwksUrl, which template.yaml does not declare")
                .contains("does not pass SigningKeysSecretArn, which template.yaml declares without a Default")
                .noneMatch(p -> p.contains("JwtIssuer") || p.contains("Stage"));
        assertThat(problems(template, broken.replace("LogRetentionDays=1", "LogRetentionDays=2")))
                .contains("passes LogRetentionDays=2, which is none of its AllowedValues");
    }

    @Test
    void the_script_parses() throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
        } catch (IOException noBash) {
            assumeTrue(false, "no bash on this machine: " + noBash.getMessage());
            return;
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("bash -n finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("bash -n %s: %s", SCRIPT, output).isZero();
    }

    // ------------------------------------------------------------------------------------------------------

    /** What is wrong with the parameters {@code scriptText} passes, as sentences; empty when nothing is. */
    static List<String> problems(SamTemplate template, String scriptText) {
        List<String> problems = new ArrayList<>();
        Map<String, String> passed = new LinkedHashMap<>();
        for (String token : parameterOverrides(scriptText)) {
            int eq = token.indexOf('=');
            String name = eq < 0 ? token : token.substring(0, eq);
            if (eq < 0 || !NAME.matcher(name).matches()) {
                problems.add("cannot read '" + token + "' as Name=value");
                continue;
            }
            String value = token.substring(eq + 1);
            if (passed.put(name, value) != null) {
                problems.add("passes " + name + " twice");
            }
            Parameter declared = template.parameters().get(name);
            if (declared == null) {
                problems.add("passes " + name + ", which template.yaml does not declare");
            } else if (declared.allowedValues() != null && !declared.allowedValues().isEmpty()
                    && !value.contains("$") && !declared.allowedValues().contains(value)) {
                problems.add("passes " + name + "=" + value + ", which is none of its AllowedValues");
            }
        }
        template.parameters().values().stream()
                .filter(p -> p.defaultValue() == null && !passed.containsKey(p.name()))
                .forEach(p -> problems.add("does not pass " + p.name()
                        + ", which template.yaml declares without a Default"));
        return problems;
    }

    /**
     * The words after the script's one {@code --parameter-overrides} (comment lines skipped), quotes removed, up to
     * the end of that shell command: a newline not escaped by a backslash, or an unquoted {@code ) ; & |}.
     */
    static List<String> parameterOverrides(String scriptText) {
        StringBuilder code = new StringBuilder();
        for (String line : scriptText.split("\n", -1)) {
            if (!line.stripLeading().startsWith("#")) {
                code.append(line).append('\n');
            }
        }
        Matcher flag = Pattern.compile("(?<![\\w-])--parameter-overrides(?![\\w-])").matcher(code);
        assertThat(flag.find()).as("%s has a --parameter-overrides", SCRIPT).isTrue();
        int start = flag.end();
        assertThat(flag.find()).as("%s has only one --parameter-overrides", SCRIPT).isFalse();

        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        int braces = 0; // inside ${...}, where quotes and parentheses do not end anything
        for (int i = start; i < code.length(); i++) {
            char c = code.charAt(i);
            if (braces > 0 || quote != 0) {
                if (c == '\\' && quote != '\'' && i + 1 < code.length()) {
                    word.append(c).append(code.charAt(++i));
                    continue;
                }
                if (braces > 0 && c == '}') {
                    braces--;
                } else if (c == '$' && quote != '\'' && i + 1 < code.length() && code.charAt(i + 1) == '{') {
                    braces++;
                    word.append(c).append(code.charAt(++i));
                    continue;
                } else if (braces == 0 && c == quote) {
                    quote = 0;
                    continue;
                }
                word.append(c);
                continue;
            }
            if (c == '\\' && i + 1 < code.length() && code.charAt(i + 1) == '\n') {
                i++; // line continuation
                continue;
            }
            if (Character.isWhitespace(c) || c == ')' || c == ';' || c == '&' || c == '|') {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
                if (c == ' ' || c == '\t') {
                    continue;
                }
                break;
            }
            if (word == null) {
                word = new StringBuilder();
            }
            if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '$' && i + 1 < code.length() && code.charAt(i + 1) == '{') {
                braces++;
                word.append(c).append(code.charAt(++i));
            } else if (c == '\\' && i + 1 < code.length()) {
                word.append(code.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
