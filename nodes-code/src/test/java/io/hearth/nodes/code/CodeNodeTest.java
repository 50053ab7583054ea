package io.hearth.nodes.code;

import static io.hearth.nodes.code.CodeNode.ALL_ITEMS;
import static io.hearth.nodes.code.CodeNode.EACH_ITEM;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The Code node as n8n users write it: modes, variables, return shapes, errors. */
class CodeNodeTest {

    static final JsSandbox SANDBOX = new JsSandbox(CodeSettings.DEFAULTS);
    static final Runs RUNS = new Runs(SANDBOX);

    @AfterAll
    static void close() {
        SANDBOX.close();
    }

    private static ExecutionResult all(String code, List<Map<String, Object>> input) {
        return RUNS.code(ALL_ITEMS, code, input);
    }

    private static ExecutionResult each(String code, List<Map<String, Object>> input) {
        return RUNS.code(EACH_ITEM, code, input);
    }

    @Test
    void mapsAllItemsWithInputAll() {
        var r = all(
                "return $input.all().map(i => ({json: {...i.json, doubled: i.json.n * 2}}));",
                List.of(Map.of("n", 1), Map.of("n", 2)));
        assertThat(Runs.error(r)).isEmpty();
        assertThat(Runs.json(r, "Code"))
                .containsExactly(Map.of("n", 1L, "doubled", 2L), Map.of("n", 2L, "doubled", 4L));
    }

    @Test
    void wrapsPlainObjectsAndASingleObject() {
        assertThat(Runs.json(all("return [{a: 1}, {a: 2}]", List.of(Map.of())), "Code"))
                .containsExactly(Map.of("a", 1L), Map.of("a", 2L));
        assertThat(Runs.json(all("return {a: 1}", List.of(Map.of())), "Code")).containsExactly(Map.of("a", 1L));
        assertThat(Runs.json(all("return null", List.of(Map.of())), "Code")).isEmpty();
    }

    @Test
    void perItemModeSeesItemAndJsonAndReturnsOneObject() {
        var r = each(
                "$json.seen = $itemIndex; item.json.same = $input.item === item; return item;",
                List.of(Map.of("v", "a"), Map.of("v", "b")));
        assertThat(Runs.error(r)).isEmpty();
        assertThat(Runs.json(r, "Code"))
                .containsExactly(
                        Map.of("v", "a", "seen", 0L, "same", true), Map.of("v", "b", "seen", 1L, "same", true));
    }

    @Test
    void awaitsPromisesAndTimers() {
        var r = all(
                "const v = await new Promise(res => setTimeout(() => res(41), 20)); return [{v: v + 1}];",
                List.of(Map.of()));
        assertThat(Runs.error(r)).isEmpty();
        assertThat(Runs.json(r, "Code")).containsExactly(Map.of("v", 42L));
    }

    @Test
    void refusesWrongReturnShapesWithN8nMessages() {
        assertThat(Runs.error(all("return 'x'", List.of(Map.of())))).contains("Code doesn't return items properly");
        assertThat(Runs.error(all("return [1, 2]", List.of(Map.of())))).contains("Code doesn't return items properly");
        assertThat(Runs.error(all("return {json: 'test'}", List.of(Map.of()))))
                .contains("A 'json' property isn't an object [item 0]");
        assertThat(Runs.error(all("return [{json: {}, foo: 1}]", List.of(Map.of()))))
                .contains("Invalid output format [item 0]");
        assertThat(Runs.error(all("return [{json: {}}, {a: 1}]", List.of(Map.of()))))
                .contains("Unknown top-level item key: a [item 1]");
        assertThat(Runs.error(all("return [{json: {}}, {binary: {}}]", List.of(Map.of()))))
                .contains("Inconsistent item format");
        assertThat(Runs.error(each("return [1]", List.of(Map.of()))))
                .contains("A 'json' property isn't an object [item 0]");
    }

    @Test
    void errorsNameTheLineAndTheItem() {
        var r = all("const a = 1;\nconst b = null;\nreturn b.x;", List.of(Map.of()));
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(Runs.error(r)).contains("[line 3]").contains("null");
        var each = each("\nthrow new Error('boom ' + $json.n)", List.of(Map.of("n", 7)));
        assertThat(Runs.error(each)).isEqualTo("boom 7 [line 2, for item 0]");
        assertThat(Runs.error(all("return {", List.of(Map.of()))))
                .startsWith("Expected")
                .contains("[line 2]");
    }

    @Test
    void perItemModeRefusesAllItemsMethods() {
        assertThat(Runs.error(each("// fine\nconst x = $input.all();\nreturn x[0]", List.of(Map.of()))))
                .isEqualTo("Can't use .all() here [line 2, for item 0]");
    }

    @Test
    void pythonIsRefusedClearly() {
        var wf = Runs.codeWorkflow(ALL_ITEMS, "", 2);
        var node = wf.nodes().get(1);
        var python = wf.withNodes(List.of(
                wf.nodes().getFirst(),
                node.withParameters(Map.of("language", "pythonNative", "pythonCode", "return _input.all()"))));
        var r = RUNS.run(python, List.of(io.hearth.node.Item.empty()));
        assertThat(Runs.error(r)).isEqualTo("Python is not supported");
    }

    @Test
    void dateTimeFollowsLuxonAsInExpressions() {
        var r = all(
                "const d = DateTime.fromISO('2024-03-10T12:00:00Z', {zone: 'utc'});\n"
                        + "const later = d.plus({days: 1}).startOf('day');\n"
                        + "return [{day: later.toFormat('yyyy-MM-dd'), iso: later.toISO(), year: d.year,"
                        + " before: d < later, diff: later.diff(d, 'hours').hours, isDt: DateTime.isDateTime(d),"
                        + " viaJson: JSON.parse(JSON.stringify({d: later})).d, now: typeof $now.toMillis(),"
                        + " dur: Duration.fromObject({hours: 2}).as('minutes'),"
                        + " days: Interval.fromDateTimes(d, later).length('hours')}]",
                List.of(Map.of()));
        assertThat(Runs.error(r)).isEmpty();
        assertThat(Runs.json(r, "Code").getFirst())
                .containsEntry("day", "2024-03-11")
                .containsEntry("iso", "2024-03-11T00:00:00.000Z")
                .containsEntry("year", 2024L)
                .containsEntry("before", true)
                .containsEntry("diff", 12L)
                .containsEntry("isDt", true)
                .containsEntry("viaJson", "2024-03-11T00:00:00.000Z")
                .containsEntry("now", "number")
                .containsEntry("dur", 120L)
                .containsEntry("days", 12L);
    }

    @Test
    void readsOtherNodesWorkflowAndJmespath() {
        var r = all(
                "const start = $('Start').all().length;\n"
                        + "const first = $('Start').first().json.n;\n"
                        + "const viaNode = $node['Start'].json.n;\n"
                        + "return [{start, first, viaNode, wf: $workflow.name, mode: $execution.mode,"
                        + " jp: $jmespath({a: [{b: 1}, {b: 2}]}, 'a[].b'), prev: $prevNode.name}]",
                List.of(Map.of("n", 5), Map.of("n", 6)));
        assertThat(Runs.error(r)).isEmpty();
        assertThat(Runs.json(r, "Code").getFirst())
                .containsEntry("start", 2L)
                .containsEntry("first", 5L)
                .containsEntry("viaNode", 5L)
                .containsEntry("wf", "code test")
                .containsEntry("mode", "test")
                .containsEntry("jp", List.of(1L, 2L))
                .containsEntry("prev", "Start");
    }

    @Test
    void unexecutedNodeIsNamed() {
        assertThat(Runs.error(all("return $('Nope').all()", List.of(Map.of()))))
                .contains("Nope")
                .contains("[line 1]");
    }

    @Test
    void consoleOutputIsKeptPerRun() {
        var r = all(
                "console.log('hello', {a: 1}, [2], null, undefined); console.warn('careful');\n"
                        + "console.log(DateTime.fromMillis(0, {zone: 'utc'})); return []",
                List.of(Map.of()));
        assertThat(Runs.error(r)).isEmpty();
        assertThat(r.runData().get("Code").getLast().console())
                .containsExactly("hello {\"a\":1} [2] null undefined", "[warn] careful", "1970-01-01T00:00:00.000Z");
        var failed = all("console.log('before');\nthrow new Error('after')", List.of(Map.of()));
        assertThat(failed.runData().get("Code").getLast().console()).containsExactly("before");
    }

    @Test
    void binaryDataGoesInAndOut() {
        var r = all(
                "return [{json: {}, binary: {data: {data: btoa('hi there'), mimeType: 'text/plain', fileName: 'a.txt'}}}]",
                List.of(Map.of()));
        assertThat(Runs.error(r)).isEmpty();
        var item = r.runData().get("Code").getLast().output().getFirst().getFirst();
        assertThat(new String(item.binary().get("data").data(), UTF_8)).isEqualTo("hi there");
        assertThat(item.binary().get("data").fileName()).contains("a.txt");
    }

    @Test
    void workflowStaticDataIsSharedBetweenNodesOfARun() {
        var r = all("""
                const g = $getWorkflowStaticData('global');
                g.count = (g.count || 0) + 1; g.seen = [...(g.seen || []), 'a'];
                const n = $getWorkflowStaticData('node'); n.last = 'x';
                return [{count: g.count, again: $getWorkflowStaticData('global') === g}]\
                """, List.of(Map.of()));
        assertThat(Runs.error(r)).isEmpty();
        assertThat(Runs.json(r, "Code").getFirst()).containsEntry("count", 1L).containsEntry("again", true);
        assertThat(Runs.error(all("$getWorkflowStaticData('other')", List.of(Map.of()))))
                .contains("The static data type \"other\" is not known");
    }
}
