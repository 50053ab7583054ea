package io.hearth.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hearth.runtime.workflow.WorkflowJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every n8n test workflow imports and exports back unchanged: Hearth keeps what it does not
 * interpret and adds nothing but a name where the document had none (as n8n names it on import).
 */
class N8nRoundTripTest {

    @TestFactory
    Stream<DynamicTest> everyFixtureExportsAsItWasImported() {
        Optional<Path> directory = ConformanceSuite.locateFixtures();
        assumeTrue(directory.isPresent(), "n8n's node fixtures are absent: " + ConformanceSuite.searchDescription());
        ConformanceSuite suite = new ConformanceSuite(directory.get(), ConformanceList.EMPTY, Optional.empty());
        List<DynamicTest> tests = new ArrayList<>();
        for (String fixture : suite.fixtures()) {
            tests.add(DynamicTest.dynamicTest(fixture, () -> {
                String text = Files.readString(directory.get().resolve(fixture));
                @SuppressWarnings("unchecked")
                Map<String, Object> original = (Map<String, Object>) JsonValues.parse(text, fixture);
                Map<String, Object> exported = new LinkedHashMap<>(WorkflowJson.toTree(WorkflowJson.parse(text)));
                if (!original.containsKey("name")) {
                    exported.remove("name");
                }
                List<String> differences = new ArrayList<>();
                JsonValues.differences("$", original, exported, differences, 20);
                if (!differences.isEmpty()) {
                    throw new AssertionError(fixture + " changed on export:\n  " + String.join("\n  ", differences));
                }
            }));
        }
        return tests.stream();
    }
}
