package io.hearth.runtime.execution;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces the secrets in play in an execution with {@code ******} wherever text leaves the node:
 * log lines, error messages, execution data. Knows each secret in its plain, URL-encoded and
 * base64 forms.
 */
public final class Redactor {

    public static final String MASK = "******";
    private static final int MIN_SECRET_LENGTH = 4;

    private final List<String> needles = new CopyOnWriteArrayList<>();

    public void addSecrets(Collection<String> secrets) {
        List<String> added = new ArrayList<>();
        for (String s : secrets) {
            if (s == null || s.length() < MIN_SECRET_LENGTH) {
                continue;
            }
            added.add(s);
            added.add(URLEncoder.encode(s, StandardCharsets.UTF_8));
            added.add(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        }
        added.removeIf(needles::contains);
        if (!added.isEmpty()) {
            List<String> all = new ArrayList<>(needles);
            all.addAll(added);
            all.sort(Comparator.comparingInt(String::length).reversed());
            needles.clear();
            needles.addAll(all.stream().distinct().toList());
        }
    }

    public boolean isEmpty() {
        return needles.isEmpty();
    }

    public String redact(String text) {
        if (text == null || needles.isEmpty()) {
            return text;
        }
        String out = text;
        for (String n : needles) {
            if (out.contains(n)) {
                out = out.replace(n, MASK);
            }
        }
        return out;
    }
}
