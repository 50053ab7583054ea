package io.hearth.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The project's {@code scripts/ha/ha-test-env.sh}: runs it ({@code start}/{@code stop} of a state directory) and
 * reads the {@code ha.env} it writes (URL, tokens, version...).
 */
final class HaTestEnvScript {

    private static final Logger LOG = LoggerFactory.getLogger(HaTestEnvScript.class);

    private static final String SCRIPT = "scripts/ha/ha-test-env.sh";
    private static final Duration SCRIPT_TIMEOUT = Duration.ofMinutes(20);

    private HaTestEnvScript() {}

    static RuntimeException failure(String what, Result r, Path dir) {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        String how = ci
                ? "CI=true: a real Home Assistant is required for the integration tests."
                : "Run it by hand to see why:\n  "
                        + RepoRoot.path().resolve(SCRIPT) + " start " + dir
                        + "\nor start one yourself and export the variables of its ha.env (HEARTH_HA_URL, HEARTH_HA_TOKEN, ...)"
                        + " before running the tests; -DskipITs skips integration tests.";
        return new IllegalStateException(what + " (ha-test-env.sh exit " + r.exitCode + "). " + how
                + "\n----- script output -----\n" + r.output);
    }

    record Result(int exitCode, String output) {}

    static Result run(List<String> args, Map<String, String> extraEnv) {
        Path script = RepoRoot.path().resolve(SCRIPT);
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("Home Assistant test script not found: " + script);
        }
        List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(script.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // Do not let an outer HA's variables (ha.env) leak into the script; HEARTH_HA_VERSION selects a version.
        pb.environment().keySet().removeIf(k -> k.startsWith("HEARTH_HA_") && !k.equals("HEARTH_HA_VERSION"));
        pb.environment().putAll(extraEnv);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            if (!p.waitFor(SCRIPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
                p.destroyForcibly();
                return new Result(-1, "timed out after " + SCRIPT_TIMEOUT + "\n" + out.getNow(""));
            }
            String output = out.get(30, TimeUnit.SECONDS);
            output.lines().forEach(l -> LOG.info("{}", l));
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + script, e);
        } catch (Exception e) {
            throw new IllegalStateException("failed to run " + script + ": " + e, e);
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(output unreadable: " + e.getMessage() + ")";
        }
    }

    static Map<String, String> readEnvFile(Path file) {
        try {
            return parseEnv(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> parseEnv(List<String> lines) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int eq = l.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = l.substring(0, eq).strip();
            String value = l.substring(eq + 1).strip();
            if (value.length() >= 2
                    && ((value.startsWith("\"") && value.endsWith("\""))
                            || (value.startsWith("'") && value.endsWith("'")))) {
                value = value.substring(1, value.length() - 1);
            }
            env.put(key, value);
        }
        fillFromUrl(env);
        return env;
    }

    /** Derives host and port from the URL when the environment does not give them. */
    static void fillFromUrl(Map<String, String> env) {
        String url = env.get("HEARTH_HA_URL");
        if (!RealHomeAssistant.notBlank(url)) {
            return;
        }
        URI uri = URI.create(RealHomeAssistant.stripSlash(url));
        if (!RealHomeAssistant.notBlank(env.get("HEARTH_HA_HOST")) && uri.getHost() != null) {
            env.put("HEARTH_HA_HOST", uri.getHost());
        }
        if (!RealHomeAssistant.notBlank(env.get("HEARTH_HA_PORT"))) {
            int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
            env.put("HEARTH_HA_PORT", Integer.toString(port));
        }
    }
}
