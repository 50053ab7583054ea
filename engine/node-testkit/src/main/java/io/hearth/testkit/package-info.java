/**
 * The node test kit: run workflow JSON with Hearth's real runtime and compare each node's output
 * with expected items in n8n's {@code pinData} form.
 *
 * <h2>How to test a node with the kit</h2>
 * Add {@code io.hearth:hearth-node-testkit} as a test dependency (it brings the runtime and the core
 * nodes; your plugin's node types are found through its {@code META-INF/services} entry, or given with
 * {@link io.hearth.testkit.NodeTestKit.Builder#nodeTypes}). Then:
 * <pre>{@code
 * NodeTestKit kit = NodeTestKit.builder()
 *         .credential("homeAssistantApi", "1", "HA", Map.of("host", "localhost", "accessToken", token))
 *         .build();
 * kit.run(Path.of("src/test/resources/turn-on.workflow.json"))     // a workflow exported from the editor or n8n
 *         .assertSucceeded()
 *         .assertOutput("Home Assistant", """
 *             [{"json": {"entity_id": "light.kitchen", "state": "on"}}]""");
 *
 * // or keep the expectations in the file, as n8n's own node tests do: its pinData is the expected output
 * kit.assertWorkflow(Path.of("src/test/resources/shout.workflow.json"));
 * }</pre>
 * A mismatch fails with the node, the item and the field: {@code item 0.json.state: expected "on"
 * (string), got "off" (string)}. Numbers compare by value and keys in any order; binary data only
 * where the expected item states it.
 * <p>
 * {@link io.hearth.testkit.ConformanceSuite} runs n8n's own test workflows for its core nodes through
 * the kit ({@code N8nConformanceTest} in this module; one node type with
 * {@code -Dhearth.conformance.node=If}).
 */
package io.hearth.testkit;
