package io.hearth.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DateTimeValueTest {

    /** Tuesday 5 March 2024, 10:20:30.123 in Berlin (UTC+1). */
    private static final DateTimeValue NOW =
            DateTimeValue.of(ZonedDateTime.of(2024, 3, 5, 10, 20, 30, 123_000_000, ZoneId.of("Europe/Berlin")));

    private static Object eval(String expression) {
        return Js.ENGINE.evaluate("{{ " + expression + " }}", Js.scope("$now", NOW));
    }

    @Test
    void wrapsAndUnwrapsAZonedDateTime() {
        ZonedDateTime t = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));

        assertThat(DateTimeValue.of(t).toZonedDateTime()).isEqualTo(t);
        assertThat(DateTimeValue.of(t)).isEqualTo(DateTimeValue.of(t));
        assertThat(DateTimeValue.of(t).toString()).isEqualTo("2024-01-01T00:00:00.000Z");
    }

    @ParameterizedTest
    @CsvSource(
            delimiterString = " \u21d2 ",
            quoteCharacter = '\u00A4',
            value = {
                "$now.toISO() ⇒ 2024-03-05T10:20:30.123+01:00",
                "$now.toUTC().toISO() ⇒ 2024-03-05T09:20:30.123Z",
                "$now.toISODate() + ' ' + $now.toISOTime() ⇒ 2024-03-05 10:20:30.123+01:00",
                "$now.toFormat('yyyy-MM-dd HH:mm:ss.SSS') ⇒ 2024-03-05 10:20:30.123",
                "$now.toFormat('d/M/yy h:mm a') ⇒ 5/3/24 10:20 AM",
                "$now.plus({hours: 3}).toFormat('hh a') ⇒ 01 PM",
                "$now.toFormat('cccc, LLLL d') ⇒ Tuesday, March 5",
                "$now.toFormat('ccc LLL dd') ⇒ Tue Mar 05",
                "$now.toFormat('ZZ|ZZZ|Z|z') ⇒ +01:00|+0100|+1|Europe/Berlin",
                "$now.toFormat(\"'Week' W, 'quarter' q, 'day' o\") ⇒ Week 10, quarter 1, day 65",
                "$now.toFormat(\"yyyy-MM-dd'T'HH\") ⇒ 2024-03-05T10",
                "$now.toFormat('D|DD|DDD|DDDD') ⇒ 3/5/2024|Mar 5, 2024|March 5, 2024|Tuesday, March 5, 2024",
                "$now.toFormat('t|tt|T|TT') ⇒ 10:20 AM|10:20:30 AM|10:20|10:20:30",
                "$now.toFormat('f|ff') ⇒ 3/5/2024, 10:20 AM|Mar 5, 2024, 10:20 AM",
                "$now.toFormat('X|x') ⇒ 1709630430|1709630430123",
                "$now.format('yyyy') ⇒ 2024",
                "$now.toLocaleString() ⇒ 3/5/2024",
                "$now.toLocaleString(DateTime.DATETIME_MED) ⇒ Mar 5, 2024, 10:20 AM",
                "$now.plus({days: 1, hours: 2}).toISO() ⇒ 2024-03-06T12:20:30.123+01:00",
                "$now.plus(1, 'week').toISODate() ⇒ 2024-03-12",
                "$now.minus(1, 'months').toISODate() ⇒ 2024-02-05",
                "$now.plus(1000).toISOTime() ⇒ 10:20:31.123+01:00",
                "DateTime.fromISO('2024-01-31T12:00:00Z', {zone: 'utc'}).plus({months: 1}).toISODate() ⇒ 2024-02-29",
                "$now.plus({days: 30}).toISO() ⇒ 2024-04-04T10:20:30.123+02:00",
                "$now.startOf('month').toISO() ⇒ 2024-03-01T00:00:00.000+01:00",
                "$now.startOf('week').toISODate() ⇒ 2024-03-04",
                "$now.startOf('year').toISODate() ⇒ 2024-01-01",
                "$now.endOf('day').toISO() ⇒ 2024-03-05T23:59:59.999+01:00",
                "$now.endOf('month').toISODate() ⇒ 2024-03-31",
                "$now.set({hour: 0, minute: 0}).toFormat('HH:mm') ⇒ 00:00",
                "$now.set({day: 31, month: 2}).toISODate() ⇒ 2024-03-02",
                "$now.setZone('America/New_York').toFormat('HH:mm z') ⇒ 04:20 America/New_York",
                "$now.setZone('UTC', {keepLocalTime: true}).toISO() ⇒ 2024-03-05T10:20:30.123Z",
                "$now.setZone('Nowhere/Nope').isValid ⇒ false",
                "[$now.year, $now.month, $now.day, $now.hour, $now.minute, $now.second, $now.millisecond].join() ⇒ 2024,3,5,10,20,30,123",
                "[$now.weekday, $now.weekdayLong, $now.weekdayShort, $now.monthLong, $now.monthShort].join() ⇒ 2,Tuesday,Tue,March,Mar",
                "[$now.zoneName, $now.offset, $now.quarter, $now.weekNumber, $now.daysInMonth, $now.isInLeapYear].join() ⇒ Europe/Berlin,60,1,10,31,true",
                "$now.ts === $now.toMillis() && $now.toSeconds() === 1709630430.123 ⇒ true",
                "$now.diff($now.minus({days: 1, hours: 12}), 'days').days ⇒ 1.5",
                "$now.diff($now.minus({hours: 30}), ['days', 'hours']).toObject() ⇒ {\"days\":1,\"hours\":6}",
                "$now.diff($now.minus({hours: 2})).as('minutes') ⇒ 120",
                "$now.minus({months: 2}).diffTo($now, 'months') ⇒ -2",
                "$now.diff($now.plus({days: 3}), 'days').days ⇒ -3",
                "$now.equals(DateTime.fromISO('2024-03-05T10:20:30.123+01:00', {zone: 'Europe/Berlin'})) ⇒ true",
                "$now.hasSame($now.set({hour: 1}), 'day') && !$now.hasSame($now.plus({days: 1}), 'day') ⇒ true",
                "$now > $now.minus({seconds: 1}) && $now.plus(1) > $now ⇒ true",
                "$now.plus({minutes: 1}) - $now ⇒ 60000",
                "$now.isWeekend() || !$now.isBetween($now.minus(1, 'day'), $now.plus(1, 'day')) ⇒ false",
                "DateTime.fromISO('2024-06-01T08:00:00+02:00').toUTC().toISO() ⇒ 2024-06-01T06:00:00.000Z",
                "DateTime.fromISO('2024-06-01T08:00:00+02:00', {setZone: true}).toISO() ⇒ 2024-06-01T08:00:00.000+02:00",
                "DateTime.fromISO('2024-06-01', {zone: 'utc'}).toISO() ⇒ 2024-06-01T00:00:00.000Z",
                "DateTime.fromISO('garbage').isValid ⇒ false",
                "DateTime.fromISO('garbage').toString() ⇒ Invalid DateTime",
                "DateTime.fromFormat('05/03/2024 10:20', 'dd/MM/yyyy HH:mm', {zone: 'utc'}).toISO() ⇒ 2024-03-05T10:20:00.000Z",
                "DateTime.fromMillis(0, {zone: 'utc'}).toISO() ⇒ 1970-01-01T00:00:00.000Z",
                "DateTime.fromSeconds(60, {zone: 'UTC+2'}).toISO() ⇒ 1970-01-01T02:01:00.000+02:00",
                "DateTime.fromObject({year: 2024, month: 2, day: 29}, {zone: 'utc'}).toISO() ⇒ 2024-02-29T00:00:00.000Z",
                "DateTime.utc(2024, 1, 2, 3, 4).toISO() ⇒ 2024-01-02T03:04:00.000Z",
                "DateTime.now().toISO() === $now.toISO() ⇒ true",
                "'2024-03-05'.toDateTime().toISODate() ⇒ 2024-03-05",
                "'Tue, 05 Mar 2024 09:20:30 GMT'.toDateTime().toUTC().toISO() ⇒ 2024-03-05T09:20:30.000Z",
                "$now.plus(Duration.fromObject({hours: 1})).hour ⇒ 11",
                "new Date('2024-03-05T10:20:30Z').getTime() ⇒ 1709634030000",
                "new Date(2024, 0, 31).toISOString() ⇒ 2024-01-31T00:00:00.000Z",
                "[new Date(0).getFullYear(), new Date(0).getMonth(), new Date(0).getDate(), new Date(0).getDay()].join() ⇒ 1970,0,1,4",
                "new Date($now).toISOString() ⇒ 2024-03-05T09:20:30.123Z",
                "new Date().getTime() === Date.now() && Date.now() === $now.toMillis() ⇒ true",
                "Date.UTC(2024, 1, 1) ⇒ 1706745600000",
                "Date.parse('2024-01-01T00:00:00Z') ⇒ 1704067200000",
                "isNaN(new Date('nope').getTime()) ⇒ true",
                "JSON.stringify({at: $now}) ⇒ {\"at\":\"2024-03-05T10:20:30.123+01:00\"}",
                "'at ' + $now.toUTC() ⇒ at 2024-03-05T09:20:30.123Z",
                "`${$now.toUTC()}` ⇒ 2024-03-05T09:20:30.123Z",
                "$now.toRFC2822() ⇒ Tue, 05 Mar 2024 10:20:30 +0100",
                "$now.toHTTP() ⇒ Tue, 05 Mar 2024 09:20:30 GMT",
            })
    void answersLuxonAndJavaScriptDateMethods(String expression, String expected) {
        Object v = eval(expression);
        assertThat(v instanceof String s ? s : ExpressionValues.toDisplayString(v))
                .isEqualTo(expected);
    }

    @Test
    void convertsToAnIsoStringInResults() {
        assertThat(eval("$now")).isEqualTo("2024-03-05T10:20:30.123+01:00");
        assertThat(eval("({when: $now.startOf('day')})")).isEqualTo(Map.of("when", "2024-03-05T00:00:00.000+01:00"));
        assertThat(eval("DateTime.fromISO('nope')")).isNull();
    }

    @Test
    void rendersAsIsoTextInMixedTemplates() {
        assertThat(Js.ENGINE.evaluate("Sent {{ $now }}.", Js.scope("$now", NOW)))
                .isEqualTo("Sent 2024-03-05T10:20:30.123+01:00.");
    }

    @Test
    void refusesUnknownUnits() {
        assertThat(Js.caught("DateTime.now().plus({fortnights: 1})")).isEqualTo("Error: Invalid unit fortnights");
        assertThat(Js.caught("DateTime.now().startOf('decade')")).isEqualTo("Error: Invalid unit 'decade'");
    }

    @Test
    void refusesToUnwrapAnInvalidDateTime() {
        DateTimeValue invalid = DateTimeValue.invalid("unparsable");

        assertThatThrownBy(invalid::toZonedDateTime)
                .isInstanceOf(ExpressionException.class)
                .hasMessageContaining("unparsable");
    }
}
