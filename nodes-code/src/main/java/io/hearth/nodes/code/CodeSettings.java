package io.hearth.nodes.code;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Server-wide bounds for Code node runs. Read from system properties ({@code hearth.code.timeout})
 * or environment variables ({@code HEARTH_CODE_TIMEOUT}); a workflow's own execution timeout can
 * only shorten a run.
 *
 * @param timeout          wall-clock limit of one node run (all items, including timers)
 * @param maxStatements    JavaScript statements one context may execute in one node run
 * @param maxResultChars   size of the returned data as JSON text
 * @param maxStringLength  longest string the code can build
 * @param maxBufferBytes   largest ArrayBuffer / typed array
 * @param maxConsoleLines  console lines kept per node run
 * @param poolSize         idle contexts kept for reuse
 * @param heapFraction     heap use (after a collection) above which running code is stopped
 */
public record CodeSettings(
        Duration timeout,
        long maxStatements,
        int maxResultChars,
        int maxStringLength,
        int maxBufferBytes,
        int maxConsoleLines,
        int poolSize,
        double heapFraction) {

    public static final CodeSettings DEFAULTS =
            new CodeSettings(Duration.ofSeconds(60), 100_000_000L, 64 << 20, 64 << 20, 64 << 20, 1000, 8, 0.8);

    /** The defaults overridden by {@code hearth.code.*} system properties or {@code HEARTH_CODE_*} variables. */
    public static CodeSettings fromEnvironment() {
        CodeSettings d = DEFAULTS;
        return new CodeSettings(
                read("timeout", CodeSettings::parseDuration).orElse(d.timeout),
                read("max-statements", Long::parseLong).orElse(d.maxStatements),
                read("max-result-size", CodeSettings::parseSize).orElse(d.maxResultChars),
                read("max-string-length", Integer::parseInt).orElse(d.maxStringLength),
                read("max-buffer-size", CodeSettings::parseSize).orElse(d.maxBufferBytes),
                read("max-console-lines", Integer::parseInt).orElse(d.maxConsoleLines),
                read("pool-size", Integer::parseInt).orElse(d.poolSize),
                read("heap-fraction", Double::parseDouble).orElse(d.heapFraction));
    }

    private static <T> Optional<T> read(String key, Function<String, T> parser) {
        String value = System.getProperty("hearth.code." + key);
        if (value == null) {
            value = System.getenv("HEARTH_CODE_" + key.replace('-', '_').toUpperCase(Locale.ROOT));
        }
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(value.trim()));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("hearth.code." + key + ": cannot read '" + value + "'", e);
        }
    }

    /** {@code 30s}, {@code 2m}, {@code 500ms} or plain seconds. */
    static Duration parseDuration(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        if (t.endsWith("s")) return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
        if (t.endsWith("m")) return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
        return Duration.ofSeconds(Long.parseLong(t));
    }

    /** {@code 64MB}, {@code 512KB} or plain bytes. */
    static int parseSize(String text) {
        String t = text.toUpperCase(Locale.ROOT).replace("B", "");
        long factor = 1;
        if (t.endsWith("K")) factor = 1 << 10;
        if (t.endsWith("M")) factor = 1 << 20;
        if (t.endsWith("G")) factor = 1 << 30;
        long n = Long.parseLong(factor == 1 ? t : t.substring(0, t.length() - 1)) * factor;
        return (int) Math.min(Integer.MAX_VALUE - 64, n);
    }

    public CodeSettings withTimeout(Duration value) {
        return new CodeSettings(
                value,
                maxStatements,
                maxResultChars,
                maxStringLength,
                maxBufferBytes,
                maxConsoleLines,
                poolSize,
                heapFraction);
    }

    public CodeSettings withMaxStatements(long value) {
        return new CodeSettings(
                timeout,
                value,
                maxResultChars,
                maxStringLength,
                maxBufferBytes,
                maxConsoleLines,
                poolSize,
                heapFraction);
    }

    public CodeSettings withMaxResultChars(int value) {
        return new CodeSettings(
                timeout,
                maxStatements,
                value,
                maxStringLength,
                maxBufferBytes,
                maxConsoleLines,
                poolSize,
                heapFraction);
    }
}
