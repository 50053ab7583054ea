package io.hearth.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * n8n's own test workflows for its core nodes ({@code ../shared/n8n/node-fixtures/<Node>/test/**.json})
 * run through the {@link NodeTestKit}. Each fixture is excluded (listed in the {@link ConformanceList},
 * or needing node types Hearth does not have) or included; an included fixture passes when every
 * node named in its pinData produced the expected items and the run succeeded.
 * <p>
 * Where the fixtures are: system property {@value #DIRECTORY_PROPERTY}, else environment variable
 * {@value #DIRECTORY_ENV}, else {@code shared/n8n/node-fixtures} beside the repository (searched
 * from {@code hearth.repoRoot} or the working directory upwards). To run one node type's fixtures:
 * {@value #NODE_PROPERTY} (or {@value #NODE_ENV}) = the folder name, e.g. {@code If} or {@code Merge}.
 */
public final class ConformanceSuite {

    public static final String DIRECTORY_PROPERTY = "hearth.n8n.fixtures";
    public static final String DIRECTORY_ENV = "HEARTH_N8N_FIXTURES";
    public static final String NODE_PROPERTY = "hearth.conformance.node";
    public static final String NODE_ENV = "HEARTH_CONFORMANCE_NODE";

    private final Path directory;
    private final ConformanceList list;
    private final Optional<String> onlyNodeType;

    public ConformanceSuite(Path directory, ConformanceList list, Optional<String> onlyNodeType) {
        this.directory = directory;
        this.list = list;
        this.onlyNodeType = onlyNodeType;
    }

    /** The fixtures folder from the property, the environment or beside the repository; empty if absent. */
    public static Optional<Path> locateFixtures() {
        String configured = Optional.ofNullable(System.getProperty(DIRECTORY_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv(DIRECTORY_ENV)))
                .filter(s -> !s.isBlank())
                .orElse(null);
        if (configured != null) {
            Path p = Path.of(configured);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        Path start = Path.of(System.getProperty("hearth.repoRoot", System.getProperty("user.dir")))
                .toAbsolutePath()
                .normalize();
        Path dir = start;
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/n8n/node-fixtures");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Where the suite looked, for the message shown when the folder is absent. */
    public static String searchDescription() {
        return "-D" + DIRECTORY_PROPERTY + ", $" + DIRECTORY_ENV + ", or shared/n8n/node-fixtures beside the"
                + " repository (" + System.getProperty("hearth.repoRoot", System.getProperty("user.dir")) + ")";
    }

    /** The node type chosen with {@value #NODE_PROPERTY} / {@value #NODE_ENV}, if any. */
    public static Optional<String> selectedNodeType() {
        return Optional.ofNullable(System.getProperty(NODE_PROPERTY))
                .or(() -> Optional.ofNullable(System.getenv(NODE_ENV)))
                .filter(s -> !s.isBlank());
    }

    /** Every test workflow in the folder (data files beside them are not workflows and are skipped). */
    public List<String> fixtures() {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(directory)) {
            files.filter(p -> p.toString().endsWith(".json"))
                    .filter(this::isWorkflow)
                    .map(p -> directory.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        return out;
    }

    /** Runs every fixture (of the selected node type) and returns one result each. */
    public ConformanceReport run(NodeTestKit kit) {
        List<FixtureResult> results = new ArrayList<>();
        List<String> fixtures = fixtures();
        List<String> problems = new ArrayList<>();
        for (String listed : list.fixtures()) {
            if (!fixtures.contains(listed)) {
                problems.add("The conformance list names " + listed + ", which is not among the fixtures");
            }
        }
        for (String fixture : fixtures) {
            String nodeType = nodeTypeOf(fixture);
            if (onlyNodeType.isPresent() && !onlyNodeType.get().equalsIgnoreCase(nodeType)) {
                continue;
            }
            results.add(runOne(kit, fixture, nodeType));
        }
        return new ConformanceReport(directory, results, problems);
    }

    private FixtureResult runOne(NodeTestKit kit, String fixture, String nodeType) {
        if (list.excluded().containsKey(fixture)) {
            return FixtureResult.excluded(fixture, nodeType, list.excluded().get(fixture));
        }
        N8nTestWorkflow test;
        try {
            test = N8nTestWorkflow.parse(
                    NodeTestKit.read(directory.resolve(fixture)), list.pinned().getOrDefault(fixture, Map.of()));
        } catch (IllegalArgumentException e) {
            return FixtureResult.excluded(fixture, nodeType, e.getMessage());
        }
        TreeSet<String> missing = new TreeSet<>();
        if (test.workflow().get("nodes") instanceof List<?> nodes) {
            for (Object n : nodes) {
                if (n instanceof Map<?, ?> m
                        && m.get("type") instanceof String type
                        && kit.registry().find(type).isEmpty()) {
                    missing.add(type);
                }
            }
        }
        if (!missing.isEmpty()) {
            return FixtureResult.excluded(
                    fixture, nodeType, "needs node types Hearth does not have: " + String.join(", ", missing));
        }
        if (test.expected().isEmpty()) {
            return FixtureResult.excluded(
                    fixture, nodeType, "no pinData to compare with (n8n checks this one in test code)");
        }
        String knownFailing = list.knownFailing().get(fixture);
        PinDataCheck check;
        try {
            check = kit.check(test);
        } catch (RuntimeException | AssertionError e) {
            return FixtureResult.ran(
                    fixture, nodeType, test.substitutions(), List.of("could not run: " + e), knownFailing);
        }
        return FixtureResult.ran(fixture, nodeType, check.substitutions(), check.mismatches(), knownFailing);
    }

    /** The node type a fixture tests: its folder before {@code test/}, without a version folder. */
    static String nodeTypeOf(String fixture) {
        String before = fixture.contains("/test/") ? fixture.substring(0, fixture.indexOf("/test/")) : fixture;
        List<String> parts = new ArrayList<>(List.of(before.split("/")));
        while (parts.size() > 1 && parts.getLast().toLowerCase(Locale.ROOT).matches("v\\d+")) {
            parts.removeLast();
        }
        return parts.getLast();
    }

    private boolean isWorkflow(Path file) {
        try {
            return JsonValues.parse(Files.readString(file), file.toString()) instanceof Map<?, ?> m
                    && m.get("nodes") instanceof List<?>;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
