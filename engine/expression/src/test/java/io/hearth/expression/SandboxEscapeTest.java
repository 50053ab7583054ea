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
    private static final Class<ExpressionException> RUNTIME = ExpressionException.class;

    /** A short timeout keeps the CPU bombs quick; nothing asserts on time. */
    private static final ExpressionEngine ENGINE =
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
                arguments("toString.constructor", RUNTIME, "toString is not defined"),
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
                // new, assignment and statements
                arguments("new Function('return 1')", SANDBOX, "'new' is only allowed with Date"),
                arguments("new ($json.constructor)", SANDBOX, "'new' is only allowed with Date"),
                arguments("new Proxy({}, {})", SANDBOX, "'new' is only allowed with Date"),
                arguments("new Date.constructor('x')", SANDBOX, "'new' is only allowed with Date"),
                arguments("$json.x = 1", SYNTAX, "assignment is not allowed"),
                arguments("({}).__proto__ = {}", SYNTAX, "assignment is not allowed"),
                arguments("$json.a++", SYNTAX, "assignment (++) is not allowed"),
                arguments("with ($json) { a }", SYNTAX, "'with' is not allowed"),
                arguments("function () { return this }", SYNTAX, "function expressions are not supported"),
                arguments("async () => 1", SYNTAX, "'async' is not allowed"),
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

        assertThatThrownBy(() -> ENGINE.evaluate("{{ " + expression + " }}", scope()))
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
