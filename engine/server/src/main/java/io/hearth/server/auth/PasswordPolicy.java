package io.hearth.server.auth;

import io.hearth.runtime.workflow.FieldProblem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What an account password must be: at least {@value #MIN_LENGTH} characters, at most {@value #MAX_BYTES} bytes
 * (bcrypt reads no further), not one of the 10,000 most common passwords — also not with digits or symbols merely
 * added around one ({@code Password2024!}) — and not a single repeated character or two.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_BYTES = 72;

    private PasswordPolicy() {}

    public static Optional<FieldProblem> problem(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of(new FieldProblem("password", "must have at least " + MIN_LENGTH + " characters"));
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of(new FieldProblem("password", "must be at most " + MAX_BYTES + " bytes long"));
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (isCommon(lower)) {
            return Optional.of(new FieldProblem(
                    "password",
                    "is one of the most common passwords (or one with digits or symbols added): choose another"));
        }
        if (lower.chars().distinct().count() < 4) {
            return Optional.of(new FieldProblem("password", "needs more different characters"));
        }
        return Optional.empty();
    }

    /** A common password itself, or one with only digits or symbols put before or after it. */
    private static boolean isCommon(String lower) {
        String start = lower.replaceFirst("^[^\\p{L}]+(?=\\p{L})", "");
        for (String s : start.equals(lower) ? new String[] {lower} : new String[] {lower, start}) {
            for (int end = Math.min(s.length(), 64); end >= 4; end--) {
                if (Common.PASSWORDS.contains(s.substring(0, end)) && noLetters(s.substring(end))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean noLetters(String s) {
        return s.codePoints().noneMatch(Character::isLetter);
    }

    /** Loaded on first use. */
    private static final class Common {
        static final Set<String> PASSWORDS = load();

        private static Set<String> load() {
            var in = PasswordPolicy.class.getResourceAsStream("/security/common-passwords.txt");
            if (in == null) {
                throw new IllegalStateException("security/common-passwords.txt is missing from the class path");
            }
            Set<String> out = new HashSet<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line : (Iterable<String>) r.lines()::iterator) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        out.add(line.strip());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Set.copyOf(out);
        }
    }
}
