package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.Item;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.Json;
import io.hearth.nodes.homeassistant.client.YamlText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Script: runs a sequence of actions as Home Assistant runs a script (WebSocket {@code execute_script},
 * administrators only), and returns what its {@code stop} action's {@code response_variable} holds,
 * with the context of the run: {@code {response, context}}.
 */
public final class ScriptResource {

    private ScriptResource() {}

    public static HaResource resource() {
        return HaResource.builder("script", "Script")
                .operation(
                        "execute",
                        "Execute",
                        "Run a sequence of actions, as in a script, and return its response",
                        in -> in.api()
                                .command("Execute actions", command(in.params()))
                                .map(result -> {
                                    Map<String, Object> r = Json.asObject(result);
                                    Map<String, Object> out = new LinkedHashMap<>();
                                    out.put("response", r.get("response"));
                                    out.put("context", r.get("context"));
                                    return List.of(Item.of(out));
                                }))
                .field(
                        Parameter.text("sequence", 8)
                                .displayName("Actions")
                                .required()
                                .placeholder("- action: light.turn_on\n  target:\n    entity_id: light.kitchen")
                                .description("The actions as in a script, YAML or JSON. To return data, end with "
                                        + "'stop' and a 'response_variable'. Runs as an administrator's script."),
                        "execute")
                .field(
                        Parameter.json("variables")
                                .displayName("Variables")
                                .defaultValue("{}")
                                .description("Variables the actions can use, a JSON object"),
                        "execute")
                .build();
    }

    /** {@code {"type": "execute_script", "sequence": [...], "variables": {...}}}. */
    static Map<String, Object> command(ParameterValues params) {
        String text = params.requiredString("sequence");
        Object sequence = YamlText.parse("sequence", text);
        if (sequence instanceof Map<?, ?> one) {
            sequence = List.of(one);
        }
        if (!(sequence instanceof List<?> actions) || actions.isEmpty()) {
            throw new ParameterException("sequence", "must be a list of actions (or one action)");
        }
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("type", "execute_script");
        command.put("sequence", sequence);
        Map<String, Object> variables = Values.jsonObject(params, "variables");
        if (!variables.isEmpty()) {
            command.put("variables", variables);
        }
        return command;
    }
}
