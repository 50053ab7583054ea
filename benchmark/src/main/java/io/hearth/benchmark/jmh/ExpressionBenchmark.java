package io.hearth.benchmark.jmh;

import io.hearth.expression.ExpressionEngine;
import io.hearth.expression.Scope;
import io.hearth.expression.Template;
import io.hearth.expression.Undefined;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The expression evaluator ({@link ExpressionEngine}) on the reference workload's expressions:
 * compiled once and evaluated ({@code evaluate*}), and compiled + evaluated without the engine's
 * template cache ({@code uncached*}: a fresh engine per call, as a cache miss costs).
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ExpressionBenchmark {

    /** Templates as stored in parameters, without the leading '='. */
    static final String DOUBLED = "{{ $json.body.n * 2 }}";

    static final String GREETING = "Hello {{ $json.body.name }}!";
    static final String ARROWS = "{{ $json.items.filter(i => i.v % 2 == 0).map(i => i.v * 10).join(',') }}";

    private ExpressionEngine engine;
    private Scope scope;
    private Template doubled;
    private Template greeting;
    private Template arrows;

    @Setup
    public void setUp() {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            items.add(Map.of("v", i, "label", "item " + i));
        }
        Map<String, Object> json = Map.of("body", Map.of("n", 21, "name", "Ada"), "items", items);
        scope = name -> "$json".equals(name) ? json : Undefined.INSTANCE;
        engine = new ExpressionEngine();
        doubled = engine.compile(DOUBLED);
        greeting = engine.compile(GREETING);
        arrows = engine.compile(ARROWS);
        check(doubled.evaluate(scope), 42L);
        check(greeting.evaluate(scope), "Hello Ada!");
        check(arrows.evaluate(scope), "0,20,40,60,80");
    }

    private static void check(Object actual, Object expected) {
        boolean same = (actual instanceof Number a && expected instanceof Number e)
                ? a.doubleValue() == e.doubleValue()
                : expected.equals(actual);
        if (!same) {
            throw new IllegalStateException("expected " + expected + " but the engine gave " + actual);
        }
    }

    @Benchmark
    public Object evaluateNumber() {
        return doubled.evaluate(scope);
    }

    @Benchmark
    public Object evaluateTemplate() {
        return greeting.evaluate(scope);
    }

    @Benchmark
    public Object evaluateArrowMapFilter() {
        return arrows.evaluate(scope);
    }

    /** Cached look-up + evaluate, as the runtime does when it has not kept the compiled template. */
    @Benchmark
    public Object engineEvaluateCached() {
        return engine.evaluate(DOUBLED, scope);
    }

    @Benchmark
    public Object uncachedNumber() {
        return new ExpressionEngine().evaluate(DOUBLED, scope);
    }

    @Benchmark
    public Object uncachedTemplate() {
        return new ExpressionEngine().evaluate(GREETING, scope);
    }

    @Benchmark
    public Object uncachedArrowMapFilter() {
        return new ExpressionEngine().evaluate(ARROWS, scope);
    }
}
