package io.hearth.runtime.nodes;

import static io.hearth.runtime.Flows.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.runtime.workflow.OnError;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StopAndErrorNodeTest {

    @Test
    void failsTheExecutionWithTheMessage() {
        var r = flow().node("Start", "hearth.manualTrigger", Map.of())
                .node("Stop", "n8n-nodes-base.stopAndError", Map.of("errorMessage", "={{ 'bad ' + $json.n }}"))
                .connect("Start", "Stop")
                .run(java.util.List.of(io.hearth.node.Item.of(Map.of("n", 7))));
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message()).isEqualTo("bad 7");
        assertThat(r.error().orElseThrow().node()).contains("Stop");
    }

    @Test
    void anErrorObjectGivesItsMessageAndDescription() {
        var r = flow().node("Start", "hearth.manualTrigger", Map.of())
                .node(
                        "Stop",
                        "hearth.stopAndError",
                        Map.of(
                                "errorType", "errorObject",
                                "errorObject", "{\"code\": 404, \"description\": \"not there\"}"))
                .connect("Start", "Stop")
                .run();
        assertThat(r.error().orElseThrow().message()).isEqualTo("not there");
        assertThat(r.error().orElseThrow().description()).isEqualTo("not there");

        var noText = flow().node("Start", "hearth.manualTrigger", Map.of())
                .node(
                        "Stop",
                        "hearth.stopAndError",
                        Map.of("errorType", "errorObject", "errorObject", "{\"code\": 500}"))
                .connect("Start", "Stop")
                .run();
        assertThat(noText.error().orElseThrow().message()).isEqualTo("Error: {\"code\":500}");
    }

    @Test
    void continuingOnFailureEndsTheBranchQuietly() {
        var r = flow().node("Start", "hearth.manualTrigger", Map.of())
                .node(
                        "Stop",
                        "hearth.stopAndError",
                        Map.of("errorMessage", "x"),
                        n -> n.withOnError(OnError.CONTINUE_REGULAR_OUTPUT))
                .connect("Start", "Stop")
                .run();
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    }
}
