package io.hearth.runtime.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.trigger.TriggerSchedule;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTriggerNodeTest {

    private static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");
    private final ScheduleTriggerNode node = new ScheduleTriggerNode();

    private TriggerSchedule schedule(Map<String, Object> rule, ZoneId zone) {
        return node.schedule(ParameterValues.of(Map.of("rule", Map.of("interval", List.of(rule)))), zone);
    }

    @Test
    void everySecondFiresOnEachSecond() {
        TriggerSchedule s = schedule(Map.of("field", "seconds", "secondsInterval", 1), ZoneId.of("UTC"));
        ZonedDateTime t = ZonedDateTime.parse("2026-11-23T10:00:00.400Z");
        assertThat(s.nextAfter(t).map(ZonedDateTime::toInstant))
                .contains(ZonedDateTime.parse("2026-11-23T10:00:01Z").toInstant());
    }

    @Test
    void everyFiveMinutesAlignsToTheClock() {
        TriggerSchedule s = schedule(Map.of("field", "minutes", "minutesInterval", 5), ZoneId.of("UTC"));
        assertThat(s.nextAfter(ZonedDateTime.parse("2026-11-23T10:03:10Z")).map(ZonedDateTime::toInstant))
                .contains(ZonedDateTime.parse("2026-11-23T10:05:00Z").toInstant());
    }

    @Test
    void dailyAtAnHourUsesTheWorkflowTimeZoneAcrossDaylightSaving() {
        TriggerSchedule s = schedule(Map.of("field", "days", "triggerAtHour", 9, "triggerAtMinute", 30), AMSTERDAM);
        // The night of 2026-10-25 clocks go back; 09:30 local is 08:30 UTC after it and 07:30 UTC before.
        assertThat(s.nextAfter(ZonedDateTime.parse("2026-10-24T12:00:00Z"))
                        .orElseThrow()
                        .toInstant())
                .isEqualTo(ZonedDateTime.parse("2026-10-25T08:30:00Z").toInstant());
        assertThat(s.nextAfter(ZonedDateTime.parse("2026-10-23T12:00:00Z"))
                        .orElseThrow()
                        .toInstant())
                .isEqualTo(ZonedDateTime.parse("2026-10-24T07:30:00Z").toInstant());
    }

    @Test
    void weeklyOnChosenWeekdays() {
        TriggerSchedule s =
                schedule(Map.of("field", "weeks", "triggerAtDay", List.of(1, 5), "triggerAtHour", 8), ZoneId.of("UTC"));
        // 2026-11-23 is a Monday
        assertThat(s.nextAfter(ZonedDateTime.parse("2026-11-23T09:00:00Z")).map(ZonedDateTime::toInstant))
                .contains(ZonedDateTime.parse("2026-11-27T08:00:00Z").toInstant());
    }

    @Test
    void cronWithFiveFieldsHasMinutePrecision() {
        TriggerSchedule s =
                schedule(Map.of("field", "cronExpression", "expression", "15 14 * * 1-5"), ZoneId.of("UTC"));
        assertThat(s.nextAfter(ZonedDateTime.parse("2026-11-21T00:00:00Z")).map(ZonedDateTime::toInstant))
                .contains(ZonedDateTime.parse("2026-11-23T14:15:00Z").toInstant());
    }

    @Test
    void severalRulesFireAtTheEarliest() {
        TriggerSchedule s = node.schedule(
                ParameterValues.of(Map.of(
                        "rule",
                        Map.of(
                                "interval",
                                List.of(
                                        Map.of("field", "hours", "hoursInterval", 6),
                                        Map.of("field", "cronExpression", "expression", "0 30 10 * * *"))))),
                ZoneId.of("UTC"));
        assertThat(s.nextAfter(ZonedDateTime.parse("2026-11-23T10:00:00Z")).map(ZonedDateTime::toInstant))
                .contains(ZonedDateTime.parse("2026-11-23T10:30:00Z").toInstant());
    }

    @Test
    void aVersion13WorkflowIsAcceptedAndRuns() {
        var r = io.hearth.runtime.Flows.flow()
                .node(
                        "Every hour",
                        "n8n-nodes-base.scheduleTrigger",
                        1.3,
                        Map.of("rule", Map.of("interval", List.of(Map.of("field", "hours", "hoursInterval", 2)))))
                .node("Next", "n8n-nodes-base.noOp", Map.of())
                .connect("Every hour", "Next")
                .run(List.of());
        assertThat(r.status()).isEqualTo(io.hearth.runtime.execution.ExecutionStatus.SUCCESS);
        assertThat(io.hearth.runtime.Flows.output(r, "Next")).hasSize(1);
    }

    @Test
    void refusesAnIntervalOutOfRangeNamingTheField() {
        assertThatThrownBy(() -> schedule(Map.of("field", "minutes", "minutesInterval", 60), ZoneId.of("UTC")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("rule.interval[0].minutesInterval")
                .hasMessageContaining("between 1 and 59");
    }

    @Test
    void rejectsABadCronExpressionNamingTheField() {
        assertThatThrownBy(
                        () -> schedule(Map.of("field", "cronExpression", "expression", "61 * * * *"), ZoneId.of("UTC")))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("rule.interval[0].expression");
    }

    @Test
    void firingDescribesTheMomentLikeN8n() {
        var item = node.fire(ZonedDateTime.parse("2026-11-23T10:56:30+01:00[Europe/Amsterdam]"))
                .getFirst();
        assertThat(item.json())
                .containsEntry("Day of week", "Monday")
                .containsEntry("Hour", "10")
                .containsEntry("Readable date", "November 23rd 2026, 10:56:30 am")
                .containsEntry("timestamp", "2026-11-23T10:56:30+01:00");
    }
}
