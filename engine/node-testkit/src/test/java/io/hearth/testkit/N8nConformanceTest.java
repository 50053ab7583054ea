package io.hearth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * n8n's test workflows for its core nodes, run through the kit: every included fixture must produce
 * n8n's expected output (or be listed in {@code n8n-conformance.json} as known failing, with why).
 * The counts and every exclusion are printed and written to {@code target/n8n-conformance.txt}.
 * <p>
 * One node type: {@code ./mvnw -o -pl engine/node-testkit -am test -Dtest=N8nConformanceTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dhearth.conformance.node=If}.
 */
class N8nConformanceTest {

    @TestFactory
    Stream<DynamicTest> n8nFixtures() throws IOException {
        Optional<Path> directory = ConformanceSuite.locateFixtures();
        if (directory.isEmpty()) {
            System.out.println("n8n conformance: no fixtures folder found (" + ConformanceSuite.searchDescription()
                    + "); the suite is skipped");
        }
        assumeTrue(directory.isPresent(), "n8n's node fixtures are absent: " + ConformanceSuite.searchDescription());
        ConformanceSuite suite = new ConformanceSuite(
                directory.get(),
                ConformanceList.fromResource("/n8n-conformance.json"),
                ConformanceSuite.selectedNodeType());
        // n8n's fixtures expect n8n's default workflow zone (GENERIC_TIMEZONE America/New_York)
        NodeTestKit kit = NodeTestKit.builder()
                .timezone(java.time.ZoneId.of("America/New_York"))
                .build();
        io.hearth.runtime.registry.NodeRegistry registry = kit.registry();
        ConformanceReport report = suite.run(kit);
        String text = report.render();
        System.out.println(report.render(false));
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("n8n-conformance.txt"), text);
        }
        Map<?, ?> refusedWhenSaved = JsonValues.parse(
                                        new String(
                                                N8nConformanceTest.class
                                                        .getResourceAsStream("/n8n-conformance.json")
                                                        .readAllBytes(),
                                                java.nio.charset.StandardCharsets.UTF_8),
                                        "n8n-conformance.json")
                                instanceof Map<?, ?> root
                        && root.get("refusedWhenSaved") instanceof Map<?, ?> refused
                ? refused
                : Map.of();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(
                "the conformance list names only existing fixtures",
                () -> assertThat(report.problems()).isEmpty()));
        tests.add(DynamicTest.dynamicTest(
                "fixtures listed as known failing still fail (else remove them from the list)",
                () -> assertThat(report.results().stream()
                                .filter(FixtureResult::unexpectedlyPassing)
                                .map(FixtureResult::fixture))
                        .isEmpty()));
        for (FixtureResult r : report.results()) {
            if (!r.included() || r.knownFailing()) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(r.fixture(), () -> {
                if (r.outcome() == FixtureResult.Outcome.FAILED) {
                    throw new AssertionError(r.fixture() + "\n" + String.join("\n", r.mismatches()));
                }
            }));
            // what runs here is what the server lets run, but for the refusals the list states
            List<Object> expectedIssues = refusedWhenSaved.get(r.fixture()) instanceof Map<?, ?> refused
                            && refused.get("issues") instanceof List<?> issues
                    ? List.copyOf(issues)
                    : List.of();
            tests.add(DynamicTest.dynamicTest(r.fixture() + " saves with the issues the list states (none)", () -> {
                Map<?, ?> workflow = (Map<?, ?>)
                        JsonValues.parse(Files.readString(directory.get().resolve(r.fixture())), r.fixture());
                assertThat(SavedWorkflowIssues.of(registry, workflow).stream()
                                .map(issue -> issue.substring(0, issue.indexOf("  [")))
                                .toList())
                        .as("issues the server refuses to run %s with", r.fixture())
                        .containsExactlyElementsOf(
                                expectedIssues.stream().map(String::valueOf).toList());
            }));
        }
        return tests.stream();
    }
}
