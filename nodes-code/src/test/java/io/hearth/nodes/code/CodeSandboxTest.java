package io.hearth.nodes.code;

import static io.hearth.nodes.code.CodeNode.ALL_ITEMS;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Code node's sandbox: escapes fail with a clear error, runs cannot change what later runs see,
 * and runaway code (endless loops, huge allocations, promises that never settle) is stopped with a
 * message while the sandbox keeps serving.
 */
class CodeSandboxTest {

    static final JsSandbox SANDBOX = new JsSandbox(
            CodeSettings.DEFAULTS.withTimeout(Duration.ofSeconds(5)).withMaxStatements(Long.MAX_VALUE));
    static final Runs RUNS = new Runs(SANDBOX);

    @AfterAll
    static void close() {
        SANDBOX.close();
    }

    private static String failure(String code) {
        ExecutionResult r = RUNS.code(ALL_ITEMS, code, List.of(Map.of("a", 1)));
        assertThat(r.status()).as("status of: %s", code).isEqualTo(ExecutionStatus.ERROR);
        return Runs.error(r);
    }

    private static Map<String, Object> value(String code) {
        ExecutionResult r = RUNS.code(ALL_ITEMS, code, List.of(Map.of("a", 1)));
        assertThat(Runs.error(r)).as("error of: %s", code).isEmpty();
        return Runs.json(r, "Code").getFirst();
    }

    /** The expression sandbox's escape payloads plus Code-specific ones, each with the error it must end in. */
    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("this.constructor.constructor('return process')()", "process is not defined"),
                Arguments.of("$json.constructor.constructor('return process')().env", "process is not defined"),
                Arguments.of(
                        "''.constructor.constructor('return process')().mainModule.require('child_process')",
                        "process is not defined"),
                Arguments.of("[].map.constructor('return process')()", "process is not defined"),
                Arguments.of("(() => 1).constructor('return process')()", "process is not defined"),
                Arguments.of(
                        "await Object.getPrototypeOf(async function () {}).constructor('return process')()",
                        "process is not defined"),
                Arguments.of("$json.constructor.constructor('return this')().process.env", "env"),
                Arguments.of("globalThis.process.env", "env"),
                Arguments.of("process.env", "process is not defined"),
                Arguments.of("require('fs')", "Module 'fs' is disallowed"),
                Arguments.of("require('child_process').execSync('id')", "Module 'child_process' is disallowed"),
                Arguments.of("Java.type('java.lang.Runtime')", "Java is not defined"),
                Arguments.of("Packages.java.lang.System", "Packages is not defined"),
                Arguments.of("java.lang.System.exit(0)", "java is not defined"),
                Arguments.of("Polyglot.eval('js', '1')", "Polyglot is not defined"),
                Arguments.of("Polyglot.import('x')", "Polyglot is not defined"),
                Arguments.of("load('/etc/passwd')", "load is not defined"),
                Arguments.of("loadWithNewGlobal({script: '1'})", "loadWithNewGlobal is not defined"),
                Arguments.of("Graal.versionJS", "Graal is not defined"),
                Arguments.of("print('x')", "print is not defined"),
                Arguments.of("quit()", "quit is not defined"),
                Arguments.of("''.getClass().forName('java.lang.Runtime')", "not a function"),
                Arguments.of("$now.getClass()", "access to 'getClass' is not allowed"),
                Arguments.of("new Worker('x')", "Worker is not defined"),
                Arguments.of("new SharedArrayBuffer(8)", "SharedArrayBuffer is not defined"),
                Arguments.of("new FinalizationRegistry(() => 1)", "FinalizationRegistry is not defined"),
                Arguments.of("Error.prepareStackTrace = (e, s) => s; new Error().stack[0].getThis()", "getThis"),
                Arguments.of("eval('process')", "process is not defined"),
                Arguments.of("Function('return process')()", "process is not defined"),
                Arguments.of("'a'.repeat(1e9)", "Invalid string length"),
                Arguments.of("'x'.padStart(2e9)", "Invalid string length"),
                Arguments.of("Array.from({length: 40}).reduce(a => a + a, 'ab')", "Invalid string length"),
                Arguments.of("new Uint8Array(1e9)", "Invalid typed array length"),
                Arguments.of("new ArrayBuffer(1e9)", "Array buffer allocation failed"),
                Arguments.of("new ArrayBuffer(8, {maxByteLength: 1e9})", "Array buffer allocation failed"),
                Arguments.of("(function f() { return f() + 1; })()", "Maximum call stack size exceeded"),
                Arguments.of("JSON.parse('['.repeat(100000))", "nested"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("escapes")
    void escapeFailsWithAClearError(String payload, String expected) {
        assertThat(failure("const r = " + payload + ";\nreturn [{r: String(r)}]"))
                .contains(expected)
                .contains("[line 1]");
    }

    @Test
    void dynamicImportIsRefused() {
        assertThat(failure("await import('fs'); return []")).isNotEmpty();
    }

    @Test
    void builtInsCannotBeChangedForLaterRuns() {
        value("""
              Object.prototype.polluted = 1; Array.prototype.map = () => 'hacked'; JSON.parse = () => 1;
              Math.random = () => 4; globalThis.leak = 'x'; implicitGlobal = 'y';
              Object.defineProperty(globalThis, 'pinned', {value: 1, configurable: false});
              try { Object.defineProperty(Object.prototype, 'x', {value: 1}) } catch (e) {}
              String.prototype.trim = null; return [{}]\
              """);
        for (int run = 0; run < 3; run++) {
            assertThat(value("return [{p: typeof ({}).polluted, m: [1].map(x => x * 2)[0], j: JSON.parse('2'),"
                            + " r: Math.random() < 1, l: typeof leak, g: typeof implicitGlobal, pin: typeof pinned,"
                            + " x: typeof ({}).x, t: ' a '.trim()}]"))
                    .containsEntry("p", "undefined")
                    .containsEntry("m", 2L)
                    .containsEntry("j", 2L)
                    .containsEntry("r", true)
                    .containsEntry("l", "undefined")
                    .containsEntry("g", "undefined")
                    .containsEntry("pin", "undefined")
                    .containsEntry("x", "undefined")
                    .containsEntry("t", "a");
        }
    }

    @Test
    void pollutingABuiltInFailsInStrictCode() {
        // (GraalJS reports this error at the start of the async function, so no exact line here.)
        assertThat(failure("'use strict';\nObject.prototype.polluted = 1; return []"))
                .contains("Cannot add new property \"polluted\"");
    }

    @Test
    void commonOverridesStillWork() {
        assertThat(value("""
                         class E extends Error { constructor(m) { super(m); this.name = 'MyError'; } }
                         const o = {}; o.toString = () => 'mine';
                         return [{n: new E('x').name, s: String(o), k: Object.keys(o)}]\
                         """))
                .containsEntry("n", "MyError")
                .containsEntry("s", "mine")
                .containsEntry("k", List.of("toString"));
    }

    @Test
    void endlessLoopIsStoppedByTheStatementLimitAndTheSandboxKeepsServing() {
        JsSandbox counted = new JsSandbox(
                CodeSettings.DEFAULTS.withTimeout(Duration.ofMinutes(5)).withMaxStatements(1_000_000));
        try {
            Runs runs = new Runs(counted);
            for (String loop : List.of("while (true) {}", "for (;;) { [1, 2, 3].map(x => x) }")) {
                assertThat(Runs.error(runs.code(ALL_ITEMS, loop, List.of(Map.of()))))
                        .isEqualTo("The code ran more than 1000000 statements and was stopped");
            }
            assertThat(Runs.json(runs.code(ALL_ITEMS, "return [{ok: 1}]", List.of(Map.of())), "Code"))
                    .containsExactly(Map.of("ok", 1L));
        } finally {
            counted.close();
        }
    }

    @Test
    void endlessLoopIsStoppedByTheDeadline() {
        assertThat(failure("let i = 0; while (true) { i++ }")).contains("timed out after 5 seconds");
        assertThat(value("return [{ok: 1}]")).containsEntry("ok", 1L);
    }

    @Test
    void hugeArraysAreStoppedByTheDeadlineOrTheMemoryGuard() {
        // Which guard fires first depends on how fast the machine allocates; either way the run ends.
        for (String code : List.of("new Array(1e9).fill(0); return []", "Array.from({length: 1e9}); return []")) {
            assertThat(failure(code))
                    .containsAnyOf("timed out after 5 seconds", "The code ran out of memory and was stopped");
        }
        assertThat(value("return [{ok: 1}]")).containsEntry("ok", 1L);
    }

    @Test
    void growingLiveDataIsStoppedBeforeTheHeapRunsOut() {
        // The test JVM has a 768 MB heap: the heap guard (80% after a collection) stops this run.
        JsSandbox roomy = new JsSandbox(
                CodeSettings.DEFAULTS.withTimeout(Duration.ofMinutes(2)).withMaxStatements(1_000_000_000L));
        try {
            Runs runs = new Runs(roomy);
            var r = runs.code(
                    ALL_ITEMS,
                    "const keep = [];\nfor (;;) keep.push('x'.repeat(100000) + keep.length);",
                    List.of(Map.of()));
            assertThat(Runs.error(r)).contains("memory");
            assertThat(Runs.json(runs.code(ALL_ITEMS, "return [{ok: 1}]", List.of(Map.of())), "Code"))
                    .containsExactly(Map.of("ok", 1L));
        } finally {
            roomy.close();
        }
    }

    @Test
    void catastrophicRegexIsStoppedByTheDeadline() {
        ExecutionResult r =
                RUNS.code(ALL_ITEMS, "return [{m: /^(a+)+\\1$/.test('a'.repeat(40) + '!')}]", List.of(Map.of()));
        if (r.status() == ExecutionStatus.ERROR) {
            assertThat(Runs.error(r)).contains("timed out after 5 seconds");
        } else {
            assertThat(Runs.json(r, "Code").getFirst()).containsEntry("m", false);
        }
        assertThat(value("return [{ok: 1}]")).containsEntry("ok", 1L);
    }

    @Test
    void timersCannotOutliveTheDeadline() {
        assertThat(failure("setInterval(() => {}, 1); await new Promise(() => {}); return []"))
                .contains("timed out after 5 seconds");
    }

    @Test
    void aPromiseThatNeverSettlesFailsAtOnce() {
        assertThat(failure("await new Promise(() => {}); return []")).contains("never settled");
    }

    @Test
    void returnedDataIsBounded() {
        JsSandbox small = new JsSandbox(CodeSettings.DEFAULTS.withMaxResultChars(1 << 20));
        try {
            var r = new Runs(small)
                    .code(
                            ALL_ITEMS,
                            "return Array.from({length: 100}, () => ({s: 'x'.repeat(20000)}))",
                            List.of(Map.of()));
            assertThat(Runs.error(r)).contains("more data than the server allows");
        } finally {
            small.close();
        }
    }

    @Test
    void aResultPastTheExecutionDataLimitFailsNamingTheLimit() {
        // 20 MB of JSON against the default limit of 8 MB: refused before it is copied out of the sandbox.
        assertThat(failure("return [{s: 'x'.repeat(20000000)}]"))
                .startsWith("The code returned about 19.1 MB of data (as JSON), more than the execution's data limit"
                        + " of 8 MB");
        assertThat(value("return [{ok: 1}]")).containsEntry("ok", 1L);
    }

    @Test
    void perItemResultsCountTogetherAgainstTheWorkflowsDataLimitWhateverTheOnErrorSetting() {
        var workflow = Runs.codeWorkflow(CodeNode.EACH_ITEM, "return {s: 'x'.repeat(300000)}", 2);
        var limited = new io.hearth.runtime.workflow.Workflow(
                workflow.id(),
                workflow.name(),
                workflow.active(),
                workflow.nodes().stream()
                        .map(n -> n.name().equals("Code")
                                ? n.withOnError(io.hearth.runtime.workflow.OnError.CONTINUE_REGULAR_OUTPUT)
                                : n)
                        .toList(),
                workflow.connections(),
                workflow.settings()
                        .withLimits(io.hearth.runtime.workflow.WorkflowLimits.NONE.withMaxExecutionDataMb(
                                1, io.hearth.runtime.workflow.WorkflowLimits.DataOverflow.TRUNCATE)),
                workflow.staticData(),
                workflow.pinData(),
                workflow.extra());
        List<io.hearth.node.Item> items = java.util.stream.IntStream.range(0, 10)
                .mapToObj(i -> io.hearth.node.Item.of(Map.of("i", i)))
                .toList();

        ExecutionResult r = RUNS.run(limited, items);

        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(Runs.error(r))
                .startsWith("The code returned about 1.1 MB of data (as JSON), more than the execution's data limit"
                        + " of 1 MB");
    }
}
