package io.hearth.runtime.nodes.transform;

import static io.hearth.runtime.nodes.transform.OneNode.error;
import static io.hearth.runtime.nodes.transform.OneNode.json;
import static io.hearth.runtime.nodes.transform.OneNode.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.runtime.workflow.OnError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DateTimeNodeTest {

    private static final String TYPE = "n8n-nodes-base.dateTime";

    private static Object v2(Map<String, Object> parameters, Map<String, Object> item) {
        return json(run(TYPE, 2, parameters, OneNode.of(item)))
                .getFirst()
                .values()
                .iterator()
                .next();
    }

    @Test
    void addsAndSubtractsCalendarUnitsInTheWorkflowZone() {
        assertThat(v2(
                        Map.of(
                                "operation",
                                "addToDate",
                                "magnitude",
                                "2024-01-31T10:00:00+02:00",
                                "timeUnit",
                                "months",
                                "duration",
                                1),
                        Map.of()))
                .isEqualTo("2024-02-29T08:00:00.000Z");
        assertThat(v2(Map.of("operation", "subtractFromDate", "magnitude", "2024-03-01", "duration", 1), Map.of()))
                .isEqualTo("2024-02-29T00:00:00.000Z");
    }

    @Test
    void formatsWithLuxonTokensFromNumbersAndCustomInputFormats() {
        assertThat(v2(Map.of("operation", "formatDate", "date", 1700000000, "format", "yyyy-MM-dd HH:mm"), Map.of()))
                .isEqualTo("2023-11-14 22:13");
        assertThat(v2(
                        Map.of(
                                "operation",
                                "formatDate",
                                "date",
                                "2024-01-31T23:30:00+02:00",
                                "format",
                                "yyyy-MM-dd HH:mm"),
                        Map.of()))
                .isEqualTo("2024-01-31 23:30");
        assertThat(v2(Map.of("operation", "formatDate", "date", "1700000000000", "format", "X"), Map.of()))
                .isEqualTo("1700000000");
        assertThat(v2(
                        Map.of(
                                "operation", "formatDate",
                                "date", "31.12.2023",
                                "format", "custom",
                                "customFormat", "cccc d LLLL",
                                "options", Map.of("fromFormat", "dd.MM.yyyy")),
                        Map.of()))
                .isEqualTo("Sunday 31 December");
    }

    @Test
    void roundsDownAndUpToTheEndOfTheMonth() {
        assertThat(v2(Map.of("operation", "roundDate", "date", "2024-05-17T13:45:00Z", "toNearest", "week"), Map.of()))
                .isEqualTo("2024-05-13T00:00:00.000Z");
        assertThat(v2(Map.of("operation", "roundDate", "date", "2024-05-17T13:45:00Z", "mode", "roundUp"), Map.of()))
                .isEqualTo("2024-06-01T00:00:00.000Z");
    }

    @Test
    void measuresTimeBetweenDatesInSeveralUnitsOrAsIso() {
        var p = new HashMap<String, Object>(Map.of(
                "operation", "getTimeBetweenDates",
                "startDate", "2024-01-01T00:00:00Z",
                "endDate", "2024-02-02T06:30:00Z",
                "units", List.of("month", "day", "hour")));
        assertThat(v2(p, Map.of())).isEqualTo(Map.of("months", 1L, "days", 1L, "hours", 6.5));
        p.put("options", Map.of("isoString", true));
        assertThat(v2(p, Map.of())).isEqualTo("P1M1DT6.5H");
    }

    @Test
    void extractsPartsInTheWorkflowZoneAndKeepsInputFieldsWhenAsked() {
        var out = json(run(
                TYPE,
                2,
                Map.of(
                        "operation",
                        "extractDate",
                        "date",
                        "={{ $json.at }}",
                        "part",
                        "week",
                        "options",
                        Map.of("includeInputFields", true)),
                OneNode.of(Map.of("at", "2024-01-01T00:00:00Z"))));
        assertThat(out).containsExactly(Map.of("at", "2024-01-01T00:00:00Z", "datePart", 1));
    }

    @Test
    void currentDateWithoutTimeIsMidnightInTheChosenZone() {
        Object now = v2(Map.of("includeTime", false, "options", Map.of("timezone", "Asia/Kolkata")), Map.of());
        assertThat((String) now).matches("\\d{4}-\\d{2}-\\d{2}T00:00:00\\.000\\+05:30");
        assertThat(error(run(TYPE, 2, Map.of("options", Map.of("timezone", "Mars/Base")), OneNode.of(Map.of()))))
                .contains("The timezone Mars/Base is not valid");
    }

    @Test
    void anUnreadableDateFailsOrBecomesAnErrorItem() {
        var p = Map.<String, Object>of("operation", "roundDate", "date", "not a date");
        assertThat(error(run(TYPE, 2, p, OneNode.of(Map.of())))).contains("Invalid date format");
        var cont = run(TYPE, 2, p, OneNode.of(Map.of()), n -> n.withOnError(OnError.CONTINUE_REGULAR_OUTPUT));
        assertThat(json(cont)).containsExactly(Map.of("error", "Invalid date format"));
    }

    @Test
    void versionOneFormatsWithMomentTokensAcrossZones() {
        var p = Map.<String, Object>of(
                "value",
                "2022-08-01T12:00:00",
                "custom",
                true,
                "toFormat",
                "dddd, MMMM Do YYYY, h:mm a [in] z",
                "options",
                Map.of("fromTimezone", "Europe/Amsterdam", "toTimezone", "America/New_York"));
        assertThat(json(run(TYPE, 1, p, OneNode.of(Map.of("id", 1)))))
                .containsExactly(Map.of("id", 1, "data", "Monday, August 1st 2022, 6:00 am in EDT"));
        assertThat(json(run(TYPE, 1, Map.of("value", "08/01/2022", "toFormat", "YYYY-MM-DD"), OneNode.of(Map.of()))))
                .containsExactly(Map.of("data", "2022-08-01"));
        assertThat(error(run(TYPE, 1, Map.of("value", "someday"), OneNode.of(Map.of()))))
                .contains("The date input format could not be recognized");
    }

    @Test
    void versionOneCalculatesInUtc() {
        var p = Map.<String, Object>of(
                "action", "calculate",
                "value", "31/01/2024",
                "operation", "add",
                "duration", 1,
                "timeUnit", "months",
                "options", Map.of("fromFormat", "DD/MM/YYYY"));
        assertThat(json(run(TYPE, 1, p, OneNode.of(Map.of()))))
                .containsExactly(Map.of("data", "2024-02-29T00:00:00.000Z"));
        var strict = Map.<String, Object>of(
                "action", "calculate", "value", "31/01/2024 x", "options", Map.of("fromFormat", "DD/MM/YYYY"));
        assertThat(error(run(TYPE, 1, strict, OneNode.of(Map.of())))).contains("Date input cannot be parsed");
    }
}
