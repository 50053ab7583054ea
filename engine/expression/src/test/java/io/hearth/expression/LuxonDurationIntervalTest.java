package io.hearth.expression;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Luxon's Duration and Interval as n8n exposes them to expressions. */
class LuxonDurationIntervalTest {

    private static final String JAN_1_TO_11 =
            "Interval.fromDateTimes(DateTime.fromISO('2024-01-01T00:00:00Z', {zone: 'UTC'}),"
                    + " DateTime.fromISO('2024-01-11T00:00:00Z', {zone: 'UTC'}))";

    @ParameterizedTest
    @CsvSource(
            delimiterString = " ⇒ ",
            quoteCharacter = '\u00A4',
            value = {
                "Duration.fromMillis(100).toISO() ⇒ \"PT0.1S\"",
                "Duration.fromObject({hours: 2, minutes: 30}).toISO() ⇒ \"PT2H30M\"",
                "Duration.fromObject({days: 1, hours: 2}).toHuman() ⇒ \"1 day, 2 hours\"",
                "Duration.fromObject({minutes: 150}).shiftTo('hours', 'minutes').toObject() ⇒ {\"hours\":2,\"minutes\":30}",
                "Duration.fromISO('P1DT1H30M').as('minutes') ⇒ 1530",
                "Duration.fromObject({hours: 1, minutes: 5}).toFormat('hh:mm') ⇒ \"01:05\"",
                "Duration.fromObject({hours: 1}).plus({minutes: 30}).as('minutes') ⇒ 90",
                "Duration.fromObject({hours: 1}).minus(Duration.fromMillis(60000)).toObject() ⇒ {\"hours\":1,\"milliseconds\":-60000}",
                "Duration.fromObject({hours: 1}).negate().hours ⇒ -1",
                "[Duration.isDuration(Duration.fromMillis(1)), Duration.fromObject({days: 2}) instanceof Duration] ⇒ [true,true]",
                "{d: Duration.fromObject({days: 1})} ⇒ {\"d\":\"P1D\"}",
                JAN_1_TO_11 + ".length('days') ⇒ 10",
                JAN_1_TO_11 + ".toDuration('days').days ⇒ 10",
                JAN_1_TO_11 + ".count('days') ⇒ 10",
                JAN_1_TO_11 + ".contains(DateTime.fromISO('2024-01-05T00:00:00Z')) ⇒ true",
                JAN_1_TO_11 + ".contains(DateTime.fromISO('2024-01-11T00:00:00Z')) ⇒ false",
                JAN_1_TO_11 + ".toISODate() ⇒ \"2024-01-01/2024-01-11\"",
                JAN_1_TO_11 + ".splitBy({days: 4}).map(i => i.length('days')) ⇒ [4,4,2]",
                JAN_1_TO_11 + ".divideEqually(2).map(i => i.start.day) ⇒ [1,6]",
                JAN_1_TO_11 + ".overlaps(Interval.after(DateTime.fromISO('2024-01-10T00:00:00Z'), {days: 5})) ⇒ true",
                JAN_1_TO_11
                        + ".intersection(Interval.after(DateTime.fromISO('2024-01-10T00:00:00Z', {zone: 'UTC'}), {days: 5})).toISODate() ⇒ \"2024-01-10/2024-01-11\"",
                "Interval.after(DateTime.fromISO('2024-01-01T00:00:00Z', {zone: 'UTC'}), {hours: 36}).end.day ⇒ 2",
                "Interval.before(DateTime.fromISO('2024-01-10T00:00:00Z', {zone: 'UTC'}), Duration.fromObject({days: 2})).start.day ⇒ 8",
                "Interval.fromISO('2024-01-01T00:00:00Z/2024-01-02T00:00:00Z').length('hours') ⇒ 24",
                "[Interval.fromDateTimes(DateTime.fromISO('2024-01-02'), DateTime.fromISO('2024-01-01')).isValid, Interval.isInterval(1)] ⇒ [false,false]",
                "[typeof Interval, typeof DateTime, typeof Duration, typeof Math] ⇒ [\"function\",\"function\",\"function\",\"object\"]",
            })
    void behaveLikeLuxon(String expression, String expectedJson) {
        assertThat(Js.eval("JSON.stringify(" + expression + ")")).isEqualTo(expectedJson);
    }
}
