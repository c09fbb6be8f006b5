package dev.madang.operator;

import dev.madang.aws.account.token.SigningKeySet;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/**
 * The operators' tool for the access-token signing keys: makes and edits a {@link SigningKeySet} in its stored form,
 * the JSON the Secrets Manager secret holds (and the local runner's {@code .madang/dev-keys/signing-keys.json}).
 *
 * <pre>
 * mvn -q -pl tools/operator exec:java -Dexec.mainClass=dev.madang.operator.KeyTool -Dexec.args="generate 2026-11-k1"
 * </pre>
 * (after {@code mvn -q install -DskipTests}, like the other tools of this module: {@code -pl} alone runs against the
 * installed modules). Maven's {@code -q} keeps its own output off standard output, so that holds only the tool's.
 * Subcommands ({@code -Dexec.args="..."}):
 * <ul>
 *   <li>{@code generate <kid>}: prints a new set of one active key to standard output. Keep the file owner-only:
 *       {@code (umask 077; mvn ... > keys.json)}, then
 *       {@code aws secretsmanager create-secret --name <id> --secret-string file://keys.json}.</li>
 *   <li>{@code add <kid> <file>}: rotation step 1, a new key that is published but does not sign yet.</li>
 *   <li>{@code activate <kid> <file>}: step 2, the key signs from now on (the previous one stays published).</li>
 *   <li>{@code retire <kid> <file>}: step 3, the key is no longer published (refused for the active key).</li>
 *   <li>{@code jwks <file>}: prints the public keys as a JWKS (nothing secret), to check what verifiers will get.</li>
 * </ul>
 * {@code add}, {@code activate} and {@code retire} rewrite the file in place (owner-only, replaced atomically) and
 * print only kids and the next step, on standard error; after each, store the file as a new secret version with
 * {@code aws secretsmanager put-secret-value --secret-id <id> --secret-string file://keys.json}, and wait as the
 * rotation procedure in {@link SigningKeySet} says before the next step. Then delete the local copy: the secret is
 * the one place the keys should live. Only {@code generate} writes key material to standard output, as that is its
 * purpose; no message ever holds any.
 *
 * <p>Exit status: 0 done, 1 refused or failed (the reason on standard error), 2 usage.
 */
public final class KeyTool {

    private static final String USAGE = """
            usage: KeyTool generate <kid>            print a new key set (one active key) as JSON
                   KeyTool add <kid> <file>          rotation step 1: add a published, not yet active key
                   KeyTool activate <kid> <file>     rotation step 2: sign with <kid> from now on
                   KeyTool retire <kid> <file>       rotation step 3: stop publishing <kid> (not the active one)
                   KeyTool jwks <file>               print the public keys as a JWKS""";

    private KeyTool() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs one subcommand; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        String command = args[0];
        try {
            switch (command) {
                case "generate" -> {
                    if (args.length != 2) {
                        return usage(err);
                    }
                    out.println(SigningKeySet.generate(args[1]).toJson());
                    return 0;
                }
                case "jwks" -> {
                    if (args.length != 2) {
                        return usage(err);
                    }
                    out.println(SecretFiles.readKeySet(Path.of(args[1])).jwks());
                    return 0;
                }
                case "add", "activate", "retire" -> {
                    if (args.length != 3) {
                        return usage(err);
                    }
                    String kid = args[1];
                    Path file = Path.of(args[2]);
                    UnaryOperator<SigningKeySet> step = switch (command) {
                        case "add" -> set -> set.withNewKey(kid);
                        case "activate" -> set -> set.activate(kid);
                        default -> set -> set.retire(kid);
                    };
                    SigningKeySet after = rewrite(file, step);
                    err.printf("%s: %s; now %s%n", command, kid, after);
                    err.println(nextStep(command, file));
                    return 0;
                }
                default -> {
                    return usage(err);
                }
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            // SigningKeySet's and DevKeys' messages hold kids and paths, never key material
            err.println("KeyTool " + command + ": " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("KeyTool " + command + ": " + e);
            return 1;
        }
    }

    private static SigningKeySet rewrite(Path file, UnaryOperator<SigningKeySet> step) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file; make one with: KeyTool generate <kid>");
        }
        SigningKeySet after = step.apply(SecretFiles.readKeySet(file));
        SecretFiles.writeOwnerOnly(file, after.toJson());
        return after;
    }

    private static String nextStep(String command, Path file) {
        String put = "store it: aws secretsmanager put-secret-value --secret-id <id> --secret-string file://" + file;
        return switch (command) {
            case "add" -> put + "\nthen, once every verifier has refreshed its JWKS, activate the new key";
            case "activate" -> put + "\nthen, once the previous key's last token has expired (signers' reload"
                    + " interval + 15 minutes at least), retire it";
            default -> put;
        };
    }

    private static int usage(PrintStream err) {
        err.println(USAGE);
        return 2;
    }
}
