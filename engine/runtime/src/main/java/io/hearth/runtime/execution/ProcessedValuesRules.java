package io.hearth.runtime.execution;

import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Luxon;
import io.hearth.node.NodeException;
import io.hearth.node.ProcessedValues;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules every {@link ProcessedValuesStore} applies, whatever keeps the values: values are
 * remembered by a hash, "latest" modes compare numbers or dates, the first mode used sticks.
 */
public final class ProcessedValuesRules {

    private ProcessedValuesRules() {}

    /** What is remembered of a value in {@link ProcessedValues.Mode#ENTRIES} mode. */
    public static String hash(String value) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The values without repeats, in first-seen order. */
    public static List<String> distinct(List<String> values) {
        return new ArrayList<>(new LinkedHashSet<>(values));
    }

    /** Fails when the history of a scope was started with another mode. */
    public static void checkMode(ProcessedValues.Mode stored, ProcessedValues.Mode requested) {
        if (stored != requested) {
            throw new NodeException(ProcessedValuesStore.MODE_CHANGED);
        }
    }

    /** {@code ENTRIES}: the values whose hashes are not among {@code known}. */
    public static ProcessedValues.Outcome entries(List<String> values, Set<String> known) {
        List<String> fresh = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String v : distinct(values)) {
            (known.contains(hash(v)) ? seen : fresh).add(v);
        }
        return new ProcessedValues.Outcome(fresh, seen);
    }

    /** The "latest" modes: values above {@code latest} are new (all are, without one). */
    public static ProcessedValues.Outcome latest(
            ProcessedValues.Mode mode, List<String> values, Optional<String> latest) {
        List<String> fresh = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (String v : distinct(values)) {
            (latest.isEmpty() || compare(mode, v, latest.get()) > 0 ? fresh : seen).add(v);
        }
        return new ProcessedValues.Outcome(fresh, seen);
    }

    /** The largest (latest) of the stored value and the new ones. */
    public static Optional<String> newLatest(ProcessedValues.Mode mode, List<String> values, Optional<String> latest) {
        Optional<String> best = latest;
        for (String v : values) {
            if (best.isEmpty() || compare(mode, v, best.get()) > 0) {
                best = Optional.of(v);
            }
        }
        return best;
    }

    static int compare(ProcessedValues.Mode mode, String a, String b) {
        if (mode == ProcessedValues.Mode.LATEST_NUMBER) {
            double x = ExpressionValues.toNumber(a);
            double y = ExpressionValues.toNumber(b);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                throw new NodeException("Invalid value. Only numbers are supported in mode \"latestIncrementalKey\"");
            }
            return Double.compare(x, y);
        }
        return date(a).orElseThrow(ProcessedValuesRules::invalidDate)
                .compareTo(date(b).orElseThrow(ProcessedValuesRules::invalidDate));
    }

    private static NodeException invalidDate() {
        return new NodeException("Invalid value. Only valid dates are supported in mode \"latestDate\"");
    }

    /** A date as n8n's tryToParseDateTime reads it: ISO 8601, RFC 2822/HTTP, or Unix seconds/milliseconds. */
    public static Optional<Instant> date(String text) {
        String t = text.strip();
        Optional<ZonedDateTime> iso = Luxon.parseIso(t, ZoneOffset.UTC);
        if (iso.isPresent()) {
            return Optional.of(iso.get().toInstant());
        }
        try {
            return Optional.of(
                    ZonedDateTime.parse(t, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            // not RFC 2822 either
        }
        if (t.matches("-?\\d{1,13}")) {
            long n = Long.parseLong(t);
            return Optional.of(t.length() > 10 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n));
        }
        return Optional.empty();
    }
}
