package io.hearth.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LimitsTest {

    private static Object eval(ExpressionLimits limits, String expression) {
        return new ExpressionEngine(limits).evaluate("{{ " + expression + " }}", Scope.empty());
    }

    private static ExpressionLimits limits(long steps, int depth, int string, int collection) {
        return new ExpressionLimits(Duration.ofSeconds(5), steps, depth, string, collection);
    }

    @Test
    void hasSensibleDefaults() {
        ExpressionLimits d = ExpressionLimits.defaults();

        assertThat(d.timeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(d.maxSteps()).isEqualTo(5_000_000);
        assertThat(d.maxCallDepth()).isEqualTo(200);
        assertThat(d.maxStringLength()).isEqualTo(10_000_000);
        assertThat(d.maxCollectionSize()).isEqualTo(1_000_000);
    }

    @Test
    void rejectsNonPositiveLimits() {
        assertThatThrownBy(() -> new ExpressionLimits(Duration.ZERO, 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limits(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stopsAfterTheMaximumNumberOfSteps() {
        ExpressionLimits few = limits(1_000, 200, 1_000, 10_000);

        assertThat(eval(few, "Array.from({length: 10}).map((x, i) => i).sum()")).isEqualTo(45L);
        assertThatThrownBy(() -> eval(few, "Array.from({length: 2000}).map((x, i) => i).sum()"))
                .isInstanceOfSatisfying(ExpressionLimitException.class, e -> {
                    assertThat(e.limit()).isEqualTo("maxSteps");
                    assertThat(e.getMessage()).isEqualTo("expression exceeded 1000 evaluation steps (limit: maxSteps)");
                });
    }

    @Test
    void stopsAtTheMaximumCallDepth() {
        ExpressionLimits shallow = limits(1_000_000, 10, 1_000, 1_000);
        String countdown = "(f => f(f, %d))((f, n) => n === 0 ? 'done' : f(f, n - 1))";

        assertThat(eval(shallow, countdown.formatted(5))).isEqualTo("done");
        assertThatThrownBy(() -> eval(shallow, countdown.formatted(50)))
                .isInstanceOfSatisfying(
                        ExpressionLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo("maxCallDepth"));
    }

    @Test
    void refusesStringsLongerThanTheLimitBeforeBuildingThem() {
        ExpressionLimits small = limits(1_000_000, 200, 100, 1_000);

        assertThat(eval(small, "'a'.repeat(100).length")).isEqualTo(100L);
        for (String bomb : List.of(
                "'a'.repeat(101)",
                "'a'.padEnd(101)",
                "'a'.repeat(60) + 'b'.repeat(60)",
                "`${'a'.repeat(60)}${'b'.repeat(60)}`",
                "Array(60).fill('ab').join('')",
                "JSON.stringify(Array(60).fill(1))",
                "'ab'.concat('c'.repeat(99))",
                "'a'.repeat(60).replaceAll('a', 'aa')",
                "[['a'.repeat(60)], 'b'.repeat(60)] + ''")) {
            assertThatThrownBy(() -> eval(small, bomb))
                    .as(bomb)
                    .isInstanceOfSatisfying(
                            ExpressionLimitException.class,
                            e -> assertThat(e.limit()).isEqualTo("maxStringLength"));
        }
    }

    @Test
    void refusesCollectionsLargerThanTheLimitBeforeBuildingThem() {
        ExpressionLimits small = limits(1_000_000, 200, 10_000, 100);

        assertThat(eval(small, "Array(100).length")).isEqualTo(100L);
        for (String bomb : List.of(
                "Array(101)",
                "Array.from({length: 101})",
                "[...Array(60), ...Array(60)]",
                "Array(60).concat(Array(60))",
                "[Array(60), Array(60)].flat()",
                "'x'.repeat(101).split('')",
                "Array(60).flatMap(() => [1, 2])",
                "JSON.parse('[' + Array(101).fill(1).join() + ']')",
                "Object.keys(Object.fromEntries(Array(60).fill(0).map((x, i) => [i, i]).concat(Array(60).fill(0).map((x, i) => [i + 60, i]))))")) {
            assertThatThrownBy(() -> eval(small, bomb))
                    .as(bomb)
                    .isInstanceOfSatisfying(
                            ExpressionLimitException.class,
                            e -> assertThat(e.limit()).isEqualTo("maxCollectionSize"));
        }
    }

    @Test
    void boundsRegexBacktrackingByTheTimeout() {
        ExpressionLimits quick = new ExpressionLimits(Duration.ofMillis(100), 5_000_000, 200, 10_000_000, 1_000_000);

        assertThatThrownBy(() -> eval(quick, "/^(a+)+\\1$/.test('a'.repeat(30) + '!')"))
                .isInstanceOfSatisfying(
                        ExpressionLimitException.class,
                        e -> assertThat(e.limit()).isEqualTo("timeout"));
    }

    @Test
    void letsTheClassicRedosShapeFinishWhenTheRegexEngineHandlesIt() {
        // java.util.regex optimises this shape; it must simply terminate (or hit the timeout), never hang.
        assertThat(Js.eval("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!'.match(/(a+)+$/)"))
                .isNull();
    }

    @Test
    void chargesLargeButLegitimateWorkLinearly() {
        assertThat(Js.eval("JSON.parse('[' + Array(200000).fill(1).join() + ']').length"))
                .isEqualTo(200_000L);
        assertThat(Js.eval("Array(200000).fill('ab').join(',').split(',').length"))
                .isEqualTo(200_000L);
        assertThat(Js.eval("[Array(100000).fill(1), Array(100000).fill(2)].flat().sum()"))
                .isEqualTo(300_000L);
    }

    @Test
    void refusesDeeplyNestedInputInTheParser() {
        assertThatThrownBy(() -> Js.ENGINE.compile("{{ " + "[".repeat(300) + "]".repeat(300) + " }}"))
                .isInstanceOf(ExpressionSyntaxException.class)
                .hasMessageContaining("expression is nested too deeply");
        assertThat(Js.eval("(".repeat(50) + "1" + ")".repeat(50))).isEqualTo(1L);
    }
}
