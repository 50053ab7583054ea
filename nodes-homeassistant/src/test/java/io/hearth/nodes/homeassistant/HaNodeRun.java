package io.hearth.nodes.homeassistant;

import io.hearth.expression.ExpressionEngine;
import io.hearth.node.Item;
import io.hearth.node.description.NodeDescription;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import io.hearth.nodes.homeassistant.client.Json;
import io.hearth.nodes.homeassistant.credential.HomeAssistantApiCredentialType;
import io.hearth.runtime.execution.ParameterResolver;
import io.hearth.runtime.nodes.ManualTriggerNode;
import io.hearth.runtime.workflow.WorkflowNode;
import io.hearth.testkit.NodeTestKit;
import io.hearth.testkit.TestRun;
import io.hearth.testsupport.RealHomeAssistant;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the Home Assistant node as a user does: in a workflow (Manual Trigger → "Home Assistant") with
 * Hearth's real runtime through the node test kit, so parameters are resolved (defaults, expressions)
 * exactly as in production. The node reaches either a real Home Assistant or, for request-building
 * tests, a given {@link HomeAssistantApi}.
 */
final class HaNodeRun {

    static final String NODE = "Home Assistant";
    private static final String CREDENTIAL_ID = "ha";

    private final NodeTestKit kit;
    private String type = HomeAssistantDescription.NAME;
    private double typeVersion = 2; // a node added in Hearth's editor

    private HaNodeRun(NodeTestKit kit) {
        this.kit = kit;
    }

    /** The node types on the class path (the real node) and a credential for {@code ha} with its owner's token. */
    static HaNodeRun against(RealHomeAssistant ha) {
        return withCredential(HaTestSupport.credential(ha).values());
    }

    /** The real node with a credential of these values. */
    static HaNodeRun withCredential(Map<String, Object> credential) {
        return new HaNodeRun(NodeTestKit.builder()
                .credential(HomeAssistantApiCredentialType.NAME, CREDENTIAL_ID, "Home Assistant", credential)
                .timeout(Duration.ofSeconds(90))
                .build());
    }

    /** The real node with a "Home Assistant (Sign in)" credential of these values. */
    static HaNodeRun withSignIn(Map<String, Object> credential) {
        return new HaNodeRun(NodeTestKit.builder()
                .credential(
                        io.hearth.nodes.homeassistant.client.HaConnectionSettings.SIGN_IN_CREDENTIAL,
                        CREDENTIAL_ID,
                        "Home Assistant",
                        credential)
                .timeout(Duration.ofSeconds(90))
                .build());
    }

    /** The node built on {@code api} (recording tests); a dummy credential satisfies the node. */
    static HaNodeRun on(HomeAssistantApi api) {
        return of(
                new HomeAssistantNode(c -> api),
                Map.of("host", "ha.local", "port", 8123, "ssl", false, "accessToken", "t"));
    }

    /** This node instance (e.g. with clients the test inspects) and a credential of these values. */
    static HaNodeRun of(HomeAssistantNode node, Map<String, Object> credential) {
        return new HaNodeRun(NodeTestKit.builder()
                .withoutClassPathNodes()
                .nodeTypes(new ManualTriggerNode(), node)
                .credentialTypes(new HomeAssistantApiCredentialType())
                .credential(HomeAssistantApiCredentialType.NAME, CREDENTIAL_ID, "Home Assistant", credential)
                .timeout(Duration.ofSeconds(90))
                .build());
    }

    /** The parameters as the runtime resolves a saved node (visibility, defaults; expressions left as they are). */
    static Map<String, Object> resolved(NodeDescription description, double version, Map<String, Object> saved) {
        return ParameterResolver.create(
                        new ExpressionEngine(),
                        description,
                        WorkflowNode.of(NODE, description.name(), saved).withTypeVersion(version))
                .rawValues();
    }

    /** Saves the node under n8n's type name and this type version, as an imported n8n workflow does. */
    HaNodeRun asN8n(double version) {
        this.type = HomeAssistantDescription.N8N_ALIAS;
        this.typeVersion = version;
        return this;
    }

    HaNodeRun asVersion(double version) {
        this.typeVersion = version;
        return this;
    }

    /** One run with one empty input item. */
    TestRun run(Map<String, Object> parameters) {
        return run(parameters, List.of(), false);
    }

    TestRun run(Map<String, Object> parameters, List<Item> input, boolean continueOnFail) {
        return kit.run(workflow(parameters, continueOnFail, true), input);
    }

    /** A run of a node that references no credential. */
    TestRun runWithoutCredential(Map<String, Object> parameters) {
        return kit.run(workflow(parameters, false, false));
    }

    /** The node's output items of a run that must succeed. */
    List<Item> items(Map<String, Object> parameters) {
        return run(parameters).assertSucceeded().output(NODE);
    }

    /** The JSON of the only output item of a run that must succeed. */
    Map<String, Object> json(Map<String, Object> parameters) {
        List<Item> items = items(parameters);
        if (items.size() != 1) {
            throw new AssertionError("expected one item, got " + items.size() + ": " + items);
        }
        return items.getFirst().json();
    }

    private String workflow(Map<String, Object> parameters, boolean continueOnFail, boolean withCredential) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", NODE);
        node.put("type", type);
        node.put("typeVersion", typeVersion);
        node.put("position", List.of(220, 0));
        node.put("parameters", parameters);
        if (withCredential) {
            String type = "signIn".equals(parameters.get("authentication"))
                    ? io.hearth.nodes.homeassistant.client.HaConnectionSettings.SIGN_IN_CREDENTIAL
                    : HomeAssistantApiCredentialType.NAME;
            node.put("credentials", Map.of(type, Map.of("id", CREDENTIAL_ID, "name", "Home Assistant")));
        }
        if (continueOnFail) {
            node.put("onError", "continueRegularOutput");
        }
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("name", "Home Assistant node test");
        workflow.put(
                "nodes",
                List.of(
                        Map.of(
                                "name",
                                "Start",
                                "type",
                                "n8n-nodes-base.manualTrigger",
                                "typeVersion",
                                1,
                                "position",
                                List.of(0, 0),
                                "parameters",
                                Map.of()),
                        node));
        workflow.put(
                "connections",
                Map.of("Start", Map.of("main", List.of(List.of(Map.of("node", NODE, "type", "main", "index", 0))))));
        return Json.write(workflow);
    }
}
