package io.hearth.server.workflow;

import io.hearth.expression.DateTimeValue;
import io.hearth.expression.ExpressionEngine;
import io.hearth.expression.ExpressionException;
import io.hearth.expression.ExpressionFunction;
import io.hearth.expression.ExpressionObject;
import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Scope;
import io.hearth.expression.Template;
import io.hearth.expression.Undefined;
import io.hearth.server.web.ApiException;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The editor's live expression preview, evaluated by the server's expression engine (what the user
 * sees is what runs): the expression on the node's input item, with the outputs of the nodes it
 * names ({@code $('Name')}, {@code $node["Name"]}) from the last run or pinned data the editor has.
 * Nothing runs and nothing is stored; node parameters and credentials are not reachable.
 */
@RestController
@RequestMapping("/api/v1/expressions")
public class ExpressionPreviewController {

    private final ExpressionEngine engine;
    private final Clock clock;

    public ExpressionPreviewController(ExpressionEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * @param expression the parameter value ({@code "=Hello {{ $json.name }}"})
     * @param items      the node's input items (JSON objects); the first is {@code $json}
     * @param nodes      output items (JSON objects) of the nodes the expression names, by node name
     * @param workflow   {@code {"id", "name", "active"}} for {@code $workflow}
     * @param timezone   the workflow's zone for {@code $now}, UTC when absent
     */
    public record PreviewBody(
            String expression,
            List<Map<String, Object>> items,
            Map<String, List<Map<String, Object>>> nodes,
            Map<String, Object> workflow,
            String timezone) {}

    @PostMapping("/preview")
    public Map<String, Object> preview(@RequestBody PreviewBody body) {
        if (body == null || body.expression() == null) {
            throw ApiException.badRequest("expression: required");
        }
        String text = body.expression().startsWith("=") ? body.expression().substring(1) : body.expression();
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            Template template = engine.compile(text);
            Object value = template.evaluate(new PreviewScope(body, zone(body.timezone())));
            answer.put("ok", true);
            answer.put("text", display(value, template.isSingleExpression()));
            answer.put("type", ExpressionValues.typeOf(value));
        } catch (ExpressionException e) {
            answer.put("ok", false);
            answer.put("text", "[ERROR: " + e.getMessage() + "]");
        }
        return answer;
    }

    private static ZoneId zone(String name) {
        try {
            return name == null || name.isBlank() ? ZoneId.of("UTC") : ZoneId.of(name);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("timezone: unknown zone '" + name + "'");
        }
    }

    /** As n8n's preview: [undefined] / [null] for a lone missing value, JSON for objects and lists. */
    private static String display(Object value, boolean single) {
        if (!single) {
            return String.valueOf(value);
        }
        if (value == Undefined.INSTANCE) {
            return "[undefined]";
        }
        if (value == null) {
            return "[null]";
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            return ExpressionValues.stringify(value);
        }
        return ExpressionValues.toDisplayString(value);
    }

    private final class PreviewScope implements Scope {
        private final PreviewBody body;
        private final ZoneId zone;

        PreviewScope(PreviewBody body, ZoneId zone) {
            this.body = body;
            this.zone = zone;
        }

        private List<Map<String, Object>> items() {
            return body.items() == null ? List.of() : body.items();
        }

        @Override
        public Object lookup(String name) {
            return switch (name) {
                case "$json" -> items().isEmpty() ? Map.of() : items().getFirst();
                case "$input" -> new ItemsObject(items());
                case "$" -> (ExpressionFunction) args -> node(args.isEmpty() ? "" : String.valueOf(args.getFirst()));
                case "$node" -> (ExpressionObject) this::node;
                case "$workflow" -> body.workflow() == null ? Map.of() : body.workflow();
                case "$execution" -> Map.of("id", "preview", "mode", "manual");
                case "$vars" -> Map.of();
                case "$now" -> DateTimeValue.of(ZonedDateTime.now(clock.withZone(zone)));
                case "$today" ->
                    DateTimeValue.of(ZonedDateTime.now(clock.withZone(zone)).truncatedTo(ChronoUnit.DAYS));
                case "$itemIndex", "$runIndex", "$position" -> 0;
                default -> Undefined.INSTANCE;
            };
        }

        private Object node(String name) {
            List<Map<String, Object>> out =
                    body.nodes() == null ? null : body.nodes().get(name);
            if (out == null) {
                throw new ExpressionException("No data of node '" + name + "' yet: execute the workflow first");
            }
            return new ItemsObject(out);
        }
    }

    /** {@code $input} / {@code $('Node')}: item, first(), last(), all(), json, and n8n's older forms. */
    private record ItemsObject(List<Map<String, Object>> items) implements ExpressionObject {
        @Override
        public Object get(String property) {
            return switch (property) {
                case "item" -> items.isEmpty() ? Undefined.INSTANCE : wrap(items.getFirst());
                case "json" -> items.isEmpty() ? Undefined.INSTANCE : items.getFirst();
                case "first" ->
                    (ExpressionFunction) args -> items.isEmpty() ? Undefined.INSTANCE : wrap(items.getFirst());
                case "last" ->
                    (ExpressionFunction) args -> items.isEmpty() ? Undefined.INSTANCE : wrap(items.getLast());
                case "all" ->
                    (ExpressionFunction) args -> {
                        List<Object> all = new ArrayList<>();
                        items.forEach(i -> all.add(wrap(i)));
                        return all;
                    };
                case "itemMatching" ->
                    (ExpressionFunction) args -> items.isEmpty() ? Undefined.INSTANCE : wrap(items.getFirst());
                default -> Undefined.INSTANCE;
            };
        }

        @Override
        public Collection<String> keys() {
            return List.of("item", "first", "last", "all");
        }

        /** An item as expressions see it: {@code {json: {...}}}; {@code .json} of {@code $('X').item.json}. */
        private static Object wrap(Map<String, Object> json) {
            return Map.of("json", json);
        }
    }
}
