package io.hearth.common;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.Secret;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replaces secret values in text with {@value Secret#MASK}: for logs, exception messages and anything written to
 * execution data. Each secret is searched for as is, URL-encoded (form and {@code %20} style, either hex case),
 * JSON-escaped, and base64-encoded (standard and URL alphabets, padded whole, and the part of its encoding that does
 * not depend on where it starts inside a longer encoded text, e.g. {@code Basic base64(user:password)}).
 * <p>
 * Overlapping matches are merged into one mask. Secrets shorter than {@value #MIN_SECRET_LENGTH} characters are
 * ignored: masking every occurrence of such a short string would destroy logs while hiding nothing of value.
 * Immutable and thread-safe; building one is cheap, so make one per execution.
 */
public final class SecretRedactor {

    public static final String MASK = Secret.MASK;
    public static final int MIN_SECRET_LENGTH = 3;
    /** Shorter derived forms (base64 fragments) would match unrelated text. */
    private static final int MIN_DERIVED_LENGTH = 4;

    private static final int MAX_CAUSE_DEPTH = 32;
    private static final SecretRedactor NONE = new SecretRedactor(List.of());

    private final List<String> secrets;
    private final String[] patterns; // longest first
    private final char[] firstChars;
    private final long firstCharBits;

    private SecretRedactor(List<String> secrets) {
        this.secrets = secrets;
        Set<String> forms = new LinkedHashSet<>();
        for (String secret : secrets) {
            if (secret.length() >= MIN_SECRET_LENGTH) {
                forms.add(secret);
                addDerivedForms(secret, forms);
            }
        }
        this.patterns = forms.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toArray(String[]::new);
        this.firstChars = new char[patterns.length];
        long bits = 0;
        for (int i = 0; i < patterns.length; i++) {
            firstChars[i] = patterns[i].charAt(0);
            bits |= 1L << (firstChars[i] & 63);
        }
        this.firstCharBits = bits;
    }

    public static SecretRedactor none() {
        return NONE;
    }

    public static SecretRedactor of(Collection<String> secrets) {
        return secrets.isEmpty() ? NONE : new SecretRedactor(List.copyOf(secrets));
    }

    public static SecretRedactor of(String... secrets) {
        return of(List.of(secrets));
    }

    /** Redacts the secret values of these credentials. */
    public static SecretRedactor forCredentials(Collection<CredentialData> credentials) {
        return of(credentials.stream().flatMap(c -> c.secretValues().stream()).toList());
    }

    /** This redactor plus more secrets. */
    public SecretRedactor with(Collection<String> moreSecrets) {
        List<String> all = new ArrayList<>(secrets);
        all.addAll(moreSecrets);
        return of(all);
    }

    public boolean isEmpty() {
        return patterns.length == 0;
    }

    /** The text with every secret form replaced; the same instance when there was none. */
    public String redact(String text) {
        if (patterns.length == 0 || text.isEmpty()) {
            return text;
        }
        StringBuilder out = null;
        int copiedUpTo = 0;
        int maskStart = -1;
        int maskEnd = -1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((firstCharBits & (1L << (c & 63))) == 0) {
                continue;
            }
            int length = longestMatchAt(text, i, c);
            if (length == 0) {
                continue;
            }
            if (i < maskEnd) {
                maskEnd = Math.max(maskEnd, i + length);
                continue;
            }
            if (maskStart >= 0) {
                out = appendMasked(out, text, copiedUpTo, maskStart);
                copiedUpTo = maskEnd;
            }
            maskStart = i;
            maskEnd = i + length;
        }
        if (maskStart < 0) {
            return text;
        }
        out = appendMasked(out, text, copiedUpTo, maskStart);
        return out.append(text, maskEnd, text.length()).toString();
    }

    /**
     * JSON-like data (maps, lists, strings) with secrets removed from every string, keys included; other values
     * are returned unchanged.
     */
    public Object redactValue(Object value) {
        return switch (value) {
            case String s -> redact(s);
            case Map<?, ?> map -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                map.forEach((k, v) -> copy.put(redact(String.valueOf(k)), v == null ? null : redactValue(v)));
                yield copy;
            }
            case Collection<?> list ->
                list.stream().map(v -> v == null ? null : redactValue(v)).toList();
            default -> value;
        };
    }

    /** {@code Type: message; caused by Type: message...} with secrets removed, for a log line or a field. */
    public String describe(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cur = t; cur != null && seen.add(cur) && seen.size() <= MAX_CAUSE_DEPTH; cur = cur.getCause()) {
            if (!sb.isEmpty()) {
                sb.append("; caused by ");
            }
            sb.append(typeName(cur));
            String message = cur.getMessage();
            if (message != null) {
                sb.append(": ").append(message);
            }
        }
        return redact(sb.toString());
    }

    /**
     * A copy of {@code t} whose messages, and those of its causes and suppressed exceptions, hold no secret; stack
     * traces are kept. Safe to log or to store in execution data.
     */
    public RedactedException redact(Throwable t) {
        return copy(t, new IdentityHashMap<>(), 0);
    }

    // identity is the test: a cause chain ends at a Throwable that is its own cause
    @SuppressWarnings("ReferenceEquality")
    private RedactedException copy(Throwable t, Map<Throwable, RedactedException> done, int depth) {
        RedactedException existing = done.get(t);
        if (existing != null) {
            return existing;
        }
        String message = t.getMessage();
        RedactedException copy = new RedactedException(typeName(t), message == null ? null : redact(message));
        done.put(t, copy);
        copy.setStackTrace(t.getStackTrace());
        if (depth < MAX_CAUSE_DEPTH) {
            if (t.getCause() != null && t.getCause() != t) {
                copy.initCause(copy(t.getCause(), done, depth + 1));
            }
            for (Throwable s : t.getSuppressed()) {
                copy.addSuppressed(copy(s, done, depth + 1));
            }
        }
        return copy;
    }

    private static String typeName(Throwable t) {
        return t instanceof RedactedException r
                ? r.originalType()
                : t.getClass().getName();
    }

    private int longestMatchAt(String text, int at, char c) {
        int remaining = text.length() - at;
        for (int p = 0; p < patterns.length; p++) {
            String pattern = patterns[p];
            if (firstChars[p] == c && pattern.length() <= remaining && text.startsWith(pattern, at)) {
                return pattern.length(); // patterns are sorted longest first
            }
        }
        return 0;
    }

    private static StringBuilder appendMasked(StringBuilder out, String text, int from, int maskStart) {
        StringBuilder sb = out == null ? new StringBuilder(text.length()) : out;
        return sb.append(text, from, maskStart).append(MASK);
    }

    private static void addDerivedForms(String secret, Set<String> forms) {
        String urlForm = URLEncoder.encode(secret, StandardCharsets.UTF_8);
        addUrlForms(urlForm, forms);
        addUrlForms(urlForm.replace("+", "%20"), forms);
        String json = Json.write(secret);
        addDerived(json.substring(1, json.length() - 1), forms);

        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
            addDerived(encoder.encodeToString(bytes), forms);
            addDerived(encoder.withoutPadding().encodeToString(bytes), forms);
            for (int shift = 0; shift < 3; shift++) {
                addDerived(base64Core(encoder, bytes, shift), forms);
            }
        }
    }

    private static void addUrlForms(String encoded, Set<String> forms) {
        addDerived(encoded, forms);
        addDerived(lowerCaseHex(encoded), forms);
    }

    private static void addDerived(String form, Set<String> forms) {
        if (form.length() >= MIN_DERIVED_LENGTH) {
            forms.add(form);
        }
    }

    /**
     * The base64 characters that depend only on the secret's bytes when they are preceded by {@code shift} other
     * bytes (mod 3) inside a longer encoded text.
     */
    private static String base64Core(Base64.Encoder encoder, byte[] secret, int shift) {
        byte[] shifted = new byte[shift + secret.length];
        System.arraycopy(secret, 0, shifted, shift, secret.length);
        String encoded = encoder.withoutPadding().encodeToString(shifted);
        int firstPure = (8 * shift + 5) / 6;
        int endPure = 8 * (shift + secret.length) / 6;
        return firstPure < endPure ? encoded.substring(firstPure, endPure) : "";
    }

    private static String lowerCaseHex(String urlEncoded) {
        StringBuilder sb = new StringBuilder(urlEncoded.length());
        for (int i = 0; i < urlEncoded.length(); i++) {
            char c = urlEncoded.charAt(i);
            if (c == '%' && i + 2 < urlEncoded.length()) {
                sb.append(c).append(urlEncoded.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
                i += 2;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "SecretRedactor[" + patterns.length + " patterns]";
    }
}
