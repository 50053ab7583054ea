package io.hearth.nodes.homeassistant;

import static io.hearth.nodes.homeassistant.HaTestSupport.p;
import static io.hearth.nodes.homeassistant.HaTestSupport.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.node.Item;
import io.hearth.runtime.execution.ExecutionError;
import io.hearth.testsupport.RealHomeAssistant;
import io.hearth.testsupport.RealHomeAssistantExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Calendars, state deletion, long-term statistics, action sequences and to-do lists against a real HA. */
@Tag("home-assistant")
@ExtendWith(RealHomeAssistantExtension.class)
class HomeAssistantMoreApiIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static HaRest rest;
    private static HaNodeRun node;

    @BeforeAll
    static void start(RealHomeAssistant ha) {
        rest = new HaRest(ha);
        node = HaNodeRun.against(ha);
    }

    private static ExecutionError failure(Map<String, Object> parameters) {
        return node.run(parameters).error().orElseThrow(() -> new AssertionError("expected the run to fail"));
    }

    private static String unique() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    }

    // ------------------------------------------------------------------ calendar

    @Test
    void listsCalendarsAndTheirEvents() {
        assertThat(node.items(params(p("resource", "calendar"), p("operation", "getAll"))))
                .extracting(i -> i.json().get("entity_id"))
                .contains("calendar.calendar_1", "calendar.calendar_2");
        List<Item> events = node.items(params(
                p("resource", "calendar"),
                p("operation", "getEvents"),
                p("calendarEntityId", Map.of("__rl", true, "mode", "list", "value", "calendar.calendar_1")),
                p("startTime", Instant.now().minus(1, ChronoUnit.DAYS).toString()),
                p("endTime", Instant.now().plus(30, ChronoUnit.DAYS).toString()),
                p("returnAll", true)));
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.json()).containsKeys("summary", "start", "end"));
        ExecutionError unknown = failure(params(
                p("resource", "calendar"), p("operation", "getEvents"), p("calendarEntityId", "calendar.hearth_none")));
        assertThat(unknown.message()).contains("calendar 'calendar.hearth_none'");
    }

    // ------------------------------------------------------------------ state delete

    @Test
    void deletesAState() {
        String entity = "sensor.hearth_it_delete_" + unique();
        node.items(params(p("resource", "state"), p("operation", "upsert"), p("entityId", entity), p("state", "1")));
        Map<String, Object> removed = node.items(
                        params(p("resource", "state"), p("operation", "delete"), p("entityId", entity)))
                .getFirst()
                .json();
        assertThat(String.valueOf(removed.get("message"))).contains("removed");
        ExecutionError gone = failure(params(p("resource", "state"), p("operation", "get"), p("entityId", entity)));
        assertThat(gone.httpStatus()).isEqualTo(404);
        ExecutionError again = failure(params(p("resource", "state"), p("operation", "delete"), p("entityId", entity)));
        assertThat(again.message()).contains("unknown entity '" + entity + "'");
        assertThat(again.httpStatus()).isEqualTo(404);
    }

    // ------------------------------------------------------------------ statistics

    @Test
    void getsLongTermStatistics() {
        String id = "hearth:it_energy_" + unique();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);
        rest.command(Map.of(
                "type",
                "recorder/import_statistics",
                "metadata",
                Map.of(
                        "source",
                        "hearth",
                        "statistic_id",
                        id,
                        "name",
                        "Hearth IT energy",
                        "unit_of_measurement",
                        "kWh",
                        "has_mean",
                        false,
                        "has_sum",
                        true),
                "stats",
                List.of(
                        Map.of("start", hour.toString(), "sum", 1, "state", 1),
                        Map.of("start", hour.plus(1, ChronoUnit.HOURS).toString(), "sum", 3, "state", 2))));
        Map<String, Object> parameters = params(
                p("resource", "history"),
                p("operation", "getStatistics"),
                p("statisticIds", List.of(id)),
                p("period", "hour"),
                p("types", List.of("sum", "state")),
                p(
                        "additionalFields",
                        Map.of("startTime", hour.minus(1, ChronoUnit.HOURS).toString())));
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(node.items(parameters))
                        .extracting(i -> i.json().get("sum"))
                        .containsExactly(1.0, 3.0));
        Item first = node.items(parameters).getFirst();
        assertThat(first.json())
                .containsEntry("statistic_id", id)
                .containsEntry("start", hour.toString())
                .containsEntry("state", 1.0);
        // listed in the dropdown
        assertThat(node.items(params(
                        p("resource", "history"),
                        p("operation", "getStatistics"),
                        p("statisticIds", id),
                        p("period", "day"),
                        p(
                                "additionalFields",
                                Map.of(
                                        "startTime",
                                        hour.minus(2, ChronoUnit.DAYS).toString())))))
                .extracting(i -> i.json().get("sum"))
                .containsExactly(3.0);
    }

    // ------------------------------------------------------------------ execute_script

    @Test
    void runsActionsAndReturnsTheirResponse() {
        Map<String, Object> out = node.items(params(
                        p("resource", "script"),
                        p("operation", "execute"),
                        p("sequence", """
                                - variables:
                                    result:
                                      doubled: "{{ n * 2 }}"
                                      flag: "{{ states('input_boolean.hearth_flag') }}"
                                - stop: done
                                  response_variable: result
                                """),
                        p("variables", Map.of("n", 21))))
                .getFirst()
                .json();
        @SuppressWarnings("unchecked")
        Map<String, Object> response = (Map<String, Object>) out.get("response");
        assertThat(response).containsEntry("doubled", 42).containsKey("flag");
        assertThat(out).containsKey("context");

        ExecutionError invalid = failure(params(
                p("resource", "script"), p("operation", "execute"), p("sequence", "- action_that: does_not_exist")));
        assertThat(invalid.message()).contains("Execute actions failed");
        assertThat(invalid.httpStatus()).isEqualTo(400);
    }

    // ------------------------------------------------------------------ to-do lists

    @Test
    void managesToDoItems() {
        String text = "Hearth milk " + unique();
        Map<String, Object> list = Map.of("__rl", true, "mode", "list", "value", "todo.shopping_list");
        Map<String, Object> created = node.items(params(
                        p("resource", "todo"), p("operation", "create"), p("listEntityId", list), p("item", text)))
                .getFirst()
                .json();
        assertThat(created)
                .containsEntry("summary", text)
                .containsEntry("status", "needs_action")
                .containsEntry("entity_id", "todo.shopping_list")
                .containsKey("uid");
        String uid = String.valueOf(created.get("uid"));

        Map<String, Object> updated = node.items(params(
                        p("resource", "todo"),
                        p("operation", "update"),
                        p("listEntityId", "todo.shopping_list"),
                        p("item", uid),
                        p("itemFields", Map.of("rename", text + " (oat)", "status", "completed"))))
                .getFirst()
                .json();
        assertThat(updated).containsEntry("summary", text + " (oat)").containsEntry("status", "completed");

        assertThat(node.items(params(
                        p("resource", "todo"),
                        p("operation", "getAll"),
                        p("listEntityId", "todo.shopping_list"),
                        p("status", List.of("completed")),
                        p("returnAll", true))))
                .extracting(i -> i.json().get("uid"))
                .contains(uid);
        assertThat(node.items(params(
                        p("resource", "todo"),
                        p("operation", "getAll"),
                        p("listEntityId", "todo.shopping_list"),
                        p("status", List.of("needs_action")),
                        p("returnAll", true))))
                .extracting(i -> i.json().get("uid"))
                .doesNotContain(uid);

        node.items(params(
                p("resource", "todo"),
                p("operation", "delete"),
                p("listEntityId", "todo.shopping_list"),
                p("item", uid)));
        assertThat(node.items(params(
                        p("resource", "todo"), p("operation", "getAll"), p("listEntityId", "todo.shopping_list"))))
                .extracting(i -> i.json().get("uid"))
                .doesNotContain(uid);
        ExecutionError missing = failure(params(
                p("resource", "todo"),
                p("operation", "delete"),
                p("listEntityId", "todo.shopping_list"),
                p("item", uid)));
        assertThat(missing.message()).contains("Remove '" + uid + "'");
    }
}
