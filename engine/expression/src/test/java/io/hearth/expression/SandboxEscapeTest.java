package io.hearth.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known JavaScript sandbox escapes (the 2025 n8n CVE shapes and their variants), Java-flavoured
 * probes and resource bombs. Every one must end in an {@link ExpressionException} subclass with a
 * clear message, and nothing may leak into later evaluations.
 */
class SandboxEscapeTest {

    private static final Class<ExpressionSandboxException> SANDBOX = ExpressionSandboxException.class;
    private static final Class<ExpressionSyntaxException> SYNTAX = ExpressionSyntaxException.class;
    private static final Class<ExpressionLimitException> LIMIT = ExpressionLimitException.class;

    /**
     * A deadline far above what any bomb below needs, so that on a loaded machine the limit each
     * case names fires first; the regex bombs, which only a deadline stops, use {@link #QUICK}.
     */
    private static final ExpressionEngine ENGINE =
            new ExpressionEngine(new ExpressionLimits(Duration.ofSeconds(20), 5_000_000, 200, 10_000_000, 1_000_000));

    /** A short deadline keeps the catastrophic-backtracking bombs quick; nothing asserts on time. */
    private static final ExpressionEngine QUICK =
            new ExpressionEngine(new ExpressionLimits(Duration.ofMillis(250), 5_000_000, 200, 10_000_000, 1_000_000));

    private static final List<String> ATTEMPTED = new ArrayList<>();

    private static Scope scope() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("a", 1);
        json.put("nested", Map.of("b", 2));
        json.put("list", List.of(1, 2));
        ExpressionObject input =
                property -> property.equals("first") ? (ExpressionFunction) args -> json : Undefined.INSTANCE;
        ExpressionFunction node = args -> input;
        DateTimeValue now = DateTimeValue.of(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        return Js.scope("$json", json, "$input", input, "$", node, "$now", now);
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                // the constructor.constructor family (n8n 2025 CVEs)
                arguments("this.constructor.constructor('return process')()", SANDBOX, "'this' is not available"),
                arguments("$json.constructor.constructor(\"return this\")()", SANDBOX, "access to 'constructor'"),
                arguments(
                        "''.constructor.constructor('return process')().mainModule.require('child_process').execSync('id')",
                        SANDBOX,
                        "access to 'constructor'"),
                arguments("[].map.constructor('return 1')()", SANDBOX, "access to 'constructor'"),
                arguments("(x=>x).constructor", SANDBOX, "access to 'constructor'"),
                arguments("(() => 1).constructor('return process')()", SANDBOX, "access to 'constructor'"),
                arguments("[].constructor.constructor", SANDBOX, "access to 'constructor'"),
                arguments("(1).constructor", SANDBOX, "access to 'constructor'"),
                arguments("true.constructor", SANDBOX, "access to 'constructor'"),
                arguments("/a/.constructor", SANDBOX, "access to 'constructor'"),
                arguments("$now.constructor", SANDBOX, "access to 'constructor'"),
                arguments("$input.constructor", SANDBOX, "access to 'constructor'"),
                arguments("$('Webhook').constructor", SANDBOX, "access to 'constructor'"),
                arguments("$.constructor", SANDBOX, "access to 'constructor'"),
                arguments("Object.keys.constructor", SANDBOX, "access to 'constructor'"),
                arguments("Math.constructor", SANDBOX, "access to 'constructor'"),
                arguments("JSON.constructor", SANDBOX, "access to 'constructor'"),
                arguments("DateTime.constructor", SANDBOX, "access to 'constructor'"),
                arguments("Object['constructor']", SANDBOX, "access to 'constructor'"),
                arguments("$json.a.toString.constructor", SANDBOX, "access to 'constructor'"),
                arguments("$json.hasOwnProperty.constructor", SANDBOX, "access to 'constructor'"),
                arguments("`${''.constructor}`", SANDBOX, "access to 'constructor'"),
                arguments("[1, 2].sort(() => [].constructor)", SANDBOX, "access to 'constructor'"),
                arguments("toString.constructor", SANDBOX, "access to 'constructor'"),
                arguments("undefined.constructor", SANDBOX, "access to 'constructor'"),
                arguments("null['__proto__']", SANDBOX, "access to '__proto__'"),
                // computed keys go through the same check
                arguments("$json['constr' + 'uctor']", SANDBOX, "access to 'constructor'"),
                arguments("$json[`constructor`]", SANDBOX, "access to 'constructor'"),
                arguments("$json[`constr${'uctor'}`]", SANDBOX, "access to 'constructor'"),
                arguments("$json[['constructor']]", SANDBOX, "access to 'constructor'"),
                arguments("$json['\\u0063onstructor']", SANDBOX, "access to 'constructor'"),
                arguments(
                        "$json[String.fromCharCode(99, 111, 110, 115, 116, 114, 117, 99, 116, 111, 114)]",
                        SANDBOX,
                        "access to 'constructor'"),
                arguments("$json.\\u0063onstructor", SYNTAX, "escape sequences are not allowed in identifiers"),
                // prototypes and reflection
                arguments("Object.getPrototypeOf({})", SANDBOX, "access to 'getPrototypeOf'"),
                arguments("Object.setPrototypeOf({}, null)", SANDBOX, "access to 'setPrototypeOf'"),
                arguments("Object.defineProperty({}, 'x', {value: 1})", SANDBOX, "access to 'defineProperty'"),
                arguments("({}).__proto__", SANDBOX, "access to '__proto__'"),
                arguments("$json['__proto__']", SANDBOX, "access to '__proto__'"),
                arguments("'x'['__proto__']['constructor']", SANDBOX, "access to '__proto__'"),
                arguments("Object.assign(Object.prototype, {x: 1})", SANDBOX, "access to 'prototype'"),
                arguments("$json.__defineGetter__('x', () => 1)", SANDBOX, "access to '__defineGetter__'"),
                arguments("$json.__lookupGetter__", SANDBOX, "access to '__lookupGetter__'"),
                arguments("$json.nested.caller", SANDBOX, "access to 'caller'"),
                arguments("(()=>{}).call.apply", SANDBOX, "access to 'call'"),
                arguments("Math.max.apply(null, [1, 2])", SANDBOX, "access to 'apply'"),
                arguments("[].map.bind([])", SANDBOX, "access to 'bind'"),
                // host globals of Node, browsers and JVM script engines
                arguments("Function('return 1')()", SANDBOX, "'Function' is not available"),
                arguments("eval('1')", SANDBOX, "'eval' is not available"),
                arguments("globalThis", SANDBOX, "'globalThis' is not available"),
                arguments("globalThis['process']", SANDBOX, "'globalThis' is not available"),
                arguments("process.env", SANDBOX, "'process' is not available"),
                arguments("require('fs')", SANDBOX, "'require' is not available"),
                arguments("module.exports", SANDBOX, "'module' is not available"),
                arguments("arguments.callee", SANDBOX, "'arguments' is not available"),
                arguments("Reflect.ownKeys({})", SANDBOX, "'Reflect' is not available"),
                arguments("Symbol.for('x')", SANDBOX, "'Symbol' is not available"),
                arguments("import('fs')", SANDBOX, "import is not allowed"),
                arguments("''.getClass().forName('java.lang.Runtime')", SANDBOX, "access to 'getClass'"),
                arguments("Java.type('java.lang.Runtime')", SANDBOX, "'Java' is not available"),
                arguments("Packages.java.lang.System", SANDBOX, "'Packages' is not available"),
                arguments("java.lang.System.exit(0)", SANDBOX, "'java' is not available"),
                arguments("this", SANDBOX, "'this' is not available"),
                arguments("x => this", SANDBOX, "'this' is not available"),
                arguments("super.x", SANDBOX, "'super' is not available"),
                // new: only the standard built-ins construct
                arguments("new Function('return 1')", SANDBOX, "'Function' is not available"),
                arguments("new ($json.constructor)", SANDBOX, "access to 'constructor'"),
                arguments("new Proxy({}, {})", SANDBOX, "'Proxy' is not available"),
                arguments("new Date.constructor('x')", SANDBOX, "access to 'constructor'"),
                arguments("new (function () {})()", SANDBOX, "only the standard built-ins"),
                arguments("new (x => x)()", SANDBOX, "only the standard built-ins"),
                arguments("new Map().constructor", SANDBOX, "access to 'constructor'"),
                arguments("new Set([1])['__proto__']", SANDBOX, "access to '__proto__'"),
                arguments(
                        "new Error('x').constructor.constructor('return process')()",
                        SANDBOX,
                        "access to 'constructor'"),
                arguments("new RegExp('a').constructor", SANDBOX, "access to 'constructor'"),
                arguments("new Intl.NumberFormat().constructor", SANDBOX, "access to 'constructor'"),
                arguments("new String('x').constructor", SANDBOX, "access to 'constructor'"),
                arguments("/a/.exec('a').constructor", SANDBOX, "access to 'constructor'"),
                arguments("'a'.match(/a/).groups.constructor", SANDBOX, "access to 'constructor'"),
                // functions, closures and getters
                arguments("(function () {}).constructor", SANDBOX, "access to 'constructor'"),
                arguments("(function () { return this })()", SANDBOX, "'this' is not available"),
                arguments("function () { return this }", SANDBOX, "'this' is not available"),
                arguments("(function f() { return f.caller })()", SANDBOX, "access to 'caller'"),
                arguments("(function () { return arguments })()", SANDBOX, "'arguments' is not available"),
                arguments("(function f() { return f.call })()", SANDBOX, "access to 'call'"),
                arguments(
                        "(() => { const f = () => 1; return f.constructor('return process')() })()",
                        SANDBOX,
                        "access to 'constructor'"),
                arguments("(() => { const F = Function; return F })()", SANDBOX, "'Function' is not available"),
                arguments("(() => { let g = globalThis; return g })()", SANDBOX, "'globalThis' is not available"),
                arguments(
                        "(() => { try { null.x } catch (e) { return e.constructor } })()",
                        SANDBOX,
                        "access to 'constructor'"),
                arguments(
                        "(() => { try { throw 1 } catch ({constructor}) { return constructor } })()",
                        SANDBOX,
                        "access to 'constructor'"),
                arguments("(() => { const {constructor: c} = 'x'; return c })()", SANDBOX, "access to 'constructor'"),
                arguments(
                        "(() => { for (const k of ['constructor']) { return ({})[k] } })()",
                        SANDBOX,
                        "access to 'constructor'"),
                arguments("({ get x() { return 1 } })", SYNTAX, "getters, setters"),
                arguments("(() => { class A {} })()", SYNTAX, "classes are not supported"),
                arguments("(() => { import('fs') })()", SANDBOX, "import is not allowed"),
                arguments("(() => { with ($json) { a } })()", SYNTAX, "'with' is not allowed"),
                arguments("with ($json) { a }", SYNTAX, "'with' is not allowed"),
                arguments("async () => 1", SYNTAX, "'async' is not allowed"),
                arguments("(async function () {})()", SYNTAX, "'async' is not allowed"),
                arguments("(function* () {})()", SYNTAX, "generator functions are not supported"),
                arguments("(() => { eval = 1 })()", SANDBOX, "'eval' is not available"),
                arguments("(() => { process = {} })()", SANDBOX, "'process' is not available"),
                // writes: only to what the evaluation created; never to names the sandbox refuses
                arguments("$json.x = 1", SANDBOX, "read-only"),
                arguments("$json.a++", SANDBOX, "read-only"),
                arguments("$json.nested.b += 1", SANDBOX, "read-only"),
                arguments("delete $json.a", SANDBOX, "read-only"),
                arguments("(() => { $json.list[0] = 9 })()", SANDBOX, "read-only"),
                arguments("(() => { const n = $json.nested; n.b = 3 })()", SANDBOX, "read-only"),
                arguments("(() => { for (const k in $json) { $json[k] = 0 } })()", SANDBOX, "read-only"),
                arguments("(() => { const [x] = [$json]; x.a = 0 })()", SANDBOX, "read-only"),
                arguments("(() => { ({a: $json.a} = {a: 5}) })()", SANDBOX, "read-only"),
                arguments("(() => { const first = $input.first(); first.a = 5 })()", SANDBOX, "read-only"),
                arguments("Object.assign($json, {a: 2})", SANDBOX, "read-only"),
                arguments("({}).__proto__ = {}", SANDBOX, "access to '__proto__'"),
                arguments(
                        "(() => { const o = {}; o['__proto__'] = {polluted: 1}; return o })()",
                        SANDBOX,
                        "access to '__proto__'"),
                arguments("(() => { const o = {}; o.constructor = 1 })()", SANDBOX, "access to 'constructor'"),
                arguments("(() => { Object.prototype.polluted = 1 })()", SANDBOX, "access to 'prototype'"),
                arguments("(() => { Array.prototype.x = 1 })()", SANDBOX, "access to 'prototype'"),
                arguments("(() => { Math.max = () => 1 })()", SANDBOX, "read-only"),
                arguments("(() => { JSON.parse = null })()", SANDBOX, "read-only"),
                arguments("(() => { const m = new Map(); m.get = 1 })()", SANDBOX, "read-only"),
                arguments("(() => { const r = /x/; r.source = 'y' })()", SANDBOX, "read-only"),
                arguments("(() => { $now.year = 1999 })()", SANDBOX, "read-only"),
                arguments("(() => { $input.first = () => 1 })()", SANDBOX, "read-only"),
                arguments("(() => { const e = new Error('x'); e.__proto__ = {} })()", SANDBOX, "access to '__proto__'"),
                arguments("(() => { const a = [1]; a.__proto__.push = null })()", SANDBOX, "access to '__proto__'"),
                // statements cannot escape the budgets, not even inside try/catch
                arguments("(() => { while (true) {} })()", LIMIT, "(limit: "),
                arguments("(() => { for (;;) {} })()", LIMIT, "(limit: "),
                arguments("(() => { do {} while (true) })()", LIMIT, "(limit: "),
                arguments("(function () { while (true) {} })()", LIMIT, "(limit: "),
                arguments("(() => { for (const x of [1]) { for (;;); } })()", LIMIT, "(limit: "),
                arguments("(() => { try { while (true) {} } catch (e) {} return 'escaped' })()", LIMIT, "(limit: "),
                arguments(
                        "(() => { while (true) { try { while (true) {} } catch (e) {} finally { continue } } })()",
                        LIMIT,
                        "(limit: "),
                arguments("(() => { const a = [1]; for (const x of a) { a.push(x) } })()", LIMIT, "(limit: "),
                arguments("(function f() { return f() })()", LIMIT, "maximum call depth exceeded"),
                arguments("(() => { const f = n => f(n + 1); return f(0) })()", LIMIT, "maximum call depth exceeded"),
                arguments(
                        "(() => { function f() { try { return f() } catch (e) { return f() } } return f() })()",
                        LIMIT,
                        "(limit: "),
                arguments("(() => { const a = []; while (true) { a.push(1) } })()", LIMIT, "(limit: "),
                arguments("(() => { let s = 'x'; while (true) { s += s } })()", LIMIT, "(limit: maxStringLength)"),
                arguments(
                        "(() => { const m = new Map(); let i = 0; while (true) { m.set(i++, i) } })()",
                        LIMIT,
                        "(limit: "),
                arguments("(() => { const a = []; a[2e9] = 1 })()", LIMIT, "(limit: maxCollectionSize)"),
                arguments("(() => { const a = []; a.length = 1e9 })()", LIMIT, "(limit: maxCollectionSize)"),
                arguments(
                        "(() => { const o = {}; let i = 0; while (true) { o['k' + i++] = i } })()", LIMIT, "(limit: "),
                arguments("(() => { x = 'y'.repeat(9e6); y = x + x })()", LIMIT, "(limit: maxStringLength)"),
                // resource bombs
                arguments("(f => f(f))(f => f(f))", LIMIT, "maximum call depth exceeded"),
                arguments("(f => f(f, 0))((f, n) => f(f, n + 1) + 1)", LIMIT, "maximum call depth exceeded"),
                arguments("'a'.repeat(1e9)", LIMIT, "(limit: maxStringLength)"),
                arguments("'x'.padStart(2e9)", LIMIT, "(limit: maxStringLength)"),
                arguments("Array.from({length: 40}).reduce(a => a + a, 'ab')", LIMIT, "(limit: maxStringLength)"),
                arguments("[1, 2, 3].join('x'.repeat(6e6))", LIMIT, "(limit: maxStringLength)"),
                arguments("Array(1e9)", LIMIT, "(limit: maxCollectionSize)"),
                arguments("Array.from({length: 1e9})", LIMIT, "(limit: maxCollectionSize)"),
                arguments("Array(1e6).fill(0).concat(Array(1e6))", LIMIT, "(limit: maxCollectionSize)"),
                arguments("[...Array(1e6), ...Array(1e6)]", LIMIT, "(limit: maxCollectionSize)"),
                arguments(
                        "Array.from({length: 40}).reduce(a => a.concat(a), [1])", LIMIT, "(limit: maxCollectionSize)"),
                arguments("[Array(6e5), Array(6e5)].flat()", LIMIT, "(limit: maxCollectionSize)"),
                arguments("Array.from({length: 25}).reduce(a => [a, a], 1)", LIMIT, "(limit: "),
                arguments("JSON.stringify(Array.from({length: 30}).reduce(a => [a, a], 1))", LIMIT, "(limit: "),
                arguments("Array(1e6).fill(0).map(() => Array(1e6).fill(0))", LIMIT, "(limit: "),
                arguments("('a'.repeat(25) + '!').match(/(.*a){20}$/)", LIMIT, "(limit: timeout)"),
                arguments("('a'.repeat(28) + '!').replace(/^(a+)+\\1$/, 'x')", LIMIT, "(limit: timeout)"),
                arguments("('a,'.repeat(30)).split(/^(.*?,){25}P/)", LIMIT, "(limit: timeout)"),
                arguments("JSON.parse('['.repeat(100000))", LIMIT, "nested too deeply"),
                arguments("(".repeat(100_000) + "1" + ")".repeat(100_000), SYNTAX, "nested too deeply"),
                arguments("1" + "+1".repeat(100_000), SYNTAX, "nested too deeply"),
                arguments("!".repeat(100_000) + "1", SYNTAX, "nested too deeply"),
                arguments("$json" + ".a".repeat(100_000), SYNTAX, "nested too deeply"),
                arguments("[".repeat(100_000) + "]".repeat(100_000), SYNTAX, "nested too deeply"));
    }

    @ParameterizedTest
    @MethodSource("escapes")
    void isRefused(String expression, Class<? extends ExpressionException> type, String message) {
        ATTEMPTED.add(expression);

        ExpressionEngine engine = message.contains("(limit: timeout)") ? QUICK : ENGINE;
        assertThatThrownBy(() -> engine.evaluate("{{ " + expression + " }}", scope()))
                .isExactlyInstanceOf(type)
                .hasMessageContaining(message);
    }

    @Test
    void coversAtLeastFortyAttempts() {
        assertThat(escapes().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void readsDataKeysThatLookLikeDangerousNames() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("constructor", "data");
        json.put("__proto__", Map.of("x", 1));
        json.put("prototype", List.of());

        assertThat(Js.evalJson("$json.constructor", json)).isEqualTo("data");
        assertThat(Js.evalJson("$json['constr' + 'uctor']", json)).isEqualTo("data");
        assertThat(Js.evalJson("$json.__proto__.x", json)).isEqualTo(1);
        assertThat(Js.evalJson("$json.prototype.length", json)).isEqualTo(0L);
        assertThatThrownBy(() -> Js.evalJson("$json.constructor.constructor", json))
                .isExactlyInstanceOf(SANDBOX)
                .hasMessageContaining("access to 'constructor'");
    }

    @Test
    void keepsPrototypePollutionAttemptsAsPlainData() {
        Object polluted = Js.eval("Object.fromEntries([['__proto__', {polluted: 1}]])");
        Object parsed = Js.eval("JSON.parse('{\"__proto__\": {\"polluted\": 1}}')");
        Object literal = Js.eval("({['__proto__']: {polluted: 1}, __proto__: {polluted: 2}})");
        Object merged = Js.eval("({...JSON.parse('{\"__proto__\": {\"polluted\": 1}}')})");

        assertThat(polluted).isEqualTo(Map.of("__proto__", Map.of("polluted", 1L)));
        assertThat(parsed).isEqualTo(Map.of("__proto__", Map.of("polluted", 1L)));
        assertThat(literal).isEqualTo(Map.of("__proto__", Map.of("polluted", 2L)));
        assertThat(merged).isEqualTo(Map.of("__proto__", Map.of("polluted", 1L)));
        assertThat(Js.eval("({}).polluted")).isSameAs(Undefined.INSTANCE);
        assertThat(Js.eval("Object.keys({}).length")).isEqualTo(0L);
    }

    @Test
    void refusesJavaObjectsThatAreNotExpressionValues() {
        Scope scope = Js.scope("$thread", Thread.currentThread(), "$list", List.of(new Object()));

        assertThatThrownBy(() -> ENGINE.evaluate("{{ $thread.getName() }}", scope))
                .isExactlyInstanceOf(SANDBOX)
                .hasMessageContaining("cannot be used in expressions");
        assertThatThrownBy(() -> ENGINE.evaluate("{{ $thread.name }}", scope)).isExactlyInstanceOf(SANDBOX);
        assertThatThrownBy(() -> ENGINE.evaluate("{{ $thread }}", scope)).isExactlyInstanceOf(SANDBOX);
        assertThatThrownBy(() -> ENGINE.evaluate("{{ $list[0].hashCode() }}", scope))
                .isExactlyInstanceOf(SANDBOX);
        assertThatThrownBy(() -> ENGINE.evaluate("{{ `${$thread}` }}", scope)).isExactlyInstanceOf(SANDBOX);
    }

    @Test
    void failsDeepRecursionWithTheCallDepthLimit() throws Exception {
        List<Throwable> outcomes = runOnThreadWithStack(1024 * 1024);

        assertThat(outcomes)
                .hasSize(RECURSIONS.size())
                .allSatisfy(e -> assertThat(e)
                        .isExactlyInstanceOf(LIMIT)
                        .hasMessage("maximum call depth exceeded (too much recursion) (limit: maxCallDepth)"));
    }

    @Test
    void failsDeepRecursionWithAnExpressionExceptionEvenOnATinyThreadStack() throws Exception {
        List<Throwable> outcomes = runOnThreadWithStack(128 * 1024);

        assertThat(outcomes)
                .hasSize(RECURSIONS.size())
                .allSatisfy(e -> assertThat(e).isInstanceOf(ExpressionException.class));
    }

    private static final List<String> RECURSIONS = List.of(
            "(f => f(f))(f => f(f))",
            "(f => f(f))(f => " + "(".repeat(150) + "f(f)" + ")".repeat(150) + ")",
            "(f => f(f, 0))((f, n) => [1].map(x => f(f, n + 1)))",
            "(f => f(f, 0))((f, n) => JSON.stringify([1].map(x => ({v: f(f, n + 1)}))))");

    private static List<Throwable> runOnThreadWithStack(long stackSize) throws InterruptedException {
        List<Throwable> outcomes = new ArrayList<>();
        Thread t = new Thread(
                null,
                () -> {
                    for (String expression : RECURSIONS) {
                        try {
                            ENGINE.evaluate("{{ " + expression + " }}", Scope.empty());
                        } catch (Throwable e) {
                            outcomes.add(e);
                        }
                    }
                },
                "stack-" + stackSize,
                stackSize);
        t.start();
        t.join();
        return outcomes;
    }

    @Test
    void leavesNothingBehindForLaterEvaluations() {
        ENGINE.evaluate("{{ (() => { polluted = 1; Object = null; JSON = {}; return 1 })() }}", scope());

        assertThat(ENGINE.evaluate("{{ typeof polluted }}", scope())).isEqualTo("undefined");
        assertThat(ENGINE.evaluate("{{ Object.keys(JSON.parse('{\"a\": 1}')) }}", scope()))
                .isEqualTo(List.of("a"));
    }

    @Test
    void makesWhatAnEvaluationReturnedReadOnlyForTheNext() {
        Object made = ((CompiledTemplate) ENGINE.compile(
                        "{{ ({list: [1], set: new Set([1]), map: new Map(), error: new Error('x'), re: /a/g}) }}"))
                .evaluateValue(scope());
        Scope next = Js.scope("$json", made);

        for (String write : List.of(
                "$json.list.push(2)",
                "$json.list[0] = 2",
                "$json.x = 1",
                "$json.set.add(2)",
                "$json.map.set('k', 1)",
                "$json.error.message = 'y'",
                "$json.re.lastIndex = 3",
                "(() => { const {list} = $json; list.length = 0 })()")) {
            assertThatThrownBy(() -> ENGINE.evaluate("{{ " + write + " }}", next))
                    .as(write)
                    .isExactlyInstanceOf(SANDBOX)
                    .hasMessageContaining("read-only");
        }
        assertThat(ENGINE.evaluate("{{ [...$json.list, 2] }}", next)).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void startsEveryRegexLiteralAfreshInEachEvaluation() {
        Template t = ENGINE.compile(
                "{{ (() => { const r = /a/g; const first = r.exec('aa').index; return [first, r.lastIndex] })() }}");

        assertThat(t.evaluate(scope())).isEqualTo(List.of(0L, 1L));
        assertThat(t.evaluate(scope())).isEqualTo(List.of(0L, 1L));
    }

    @AfterAll
    static void leavesTheEngineAndTheJvmUsable() throws Exception {
        assertThat(ATTEMPTED).hasSizeGreaterThanOrEqualTo(40);
        assertThat(ENGINE.evaluate("{{ [1, 2, 3].map(x => x * 2).sum() }}", scope()))
                .isEqualTo(12L);
        assertThat(ENGINE.evaluate("{{ ({}).polluted ?? 'clean' }}", scope())).isEqualTo("clean");
        assertThat(new ExpressionEngine().evaluate("{{ 'ok'.toUpperCase() }}", Scope.empty()))
                .isEqualTo("OK");
        Thread other = new Thread(() -> assertThat(Js.eval("1 + 1")).isEqualTo(2L));
        other.start();
        other.join();
        assertThat(Runtime.getRuntime().freeMemory()).isPositive();
    }
}
