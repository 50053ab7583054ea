package io.hearth.nodes.homeassistant.trigger;

import io.hearth.node.ParameterException;
import io.hearth.nodes.homeassistant.client.YamlText;
import java.util.List;
import java.util.Map;

/**
 * Reads the raw Home Assistant trigger definition of the "Home Assistant trigger config" mode, as YAML
 * or JSON (JSON is YAML): one trigger ({@code platform: state ...}) or a list of them. A pasted
 * automation fragment {@code trigger: [...]} / {@code triggers: [...]} is unwrapped (YAML as read by
 * {@link YamlText}). Home Assistant validates the rest when it receives {@code subscribe_trigger}.
 */
public final class TriggerConfigParser {

    static final String PARAMETER = "triggerConfig";

    private TriggerConfigParser() {}

    /** A trigger map or a non-empty list of trigger maps; a {@link ParameterException} naming the problem otherwise. */
    public static Object parse(String text) {
        if (text == null || text.isBlank()) {
            throw new ParameterException(PARAMETER, "is required: a Home Assistant trigger such as 'platform: state'");
        }
        Object value = YamlText.parse(PARAMETER, text);
        if (value instanceof Map<?, ?> m
                && m.size() == 1
                && (m.containsKey("trigger") || m.containsKey("triggers"))
                && (m.values().iterator().next() instanceof List
                        || m.values().iterator().next() instanceof Map)) {
            value = m.values().iterator().next();
        }
        if (value instanceof Map<?, ?> m) {
            check(m, 0);
            return value;
        }
        if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                throw new ParameterException(PARAMETER, "is an empty list: give at least one trigger");
            }
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    throw new ParameterException(
                            PARAMETER, "entry " + (i + 1) + " is not a trigger (a mapping such as 'platform: state')");
                }
                check(m, i + 1);
            }
            return value;
        }
        throw new ParameterException(
                PARAMETER,
                "must be a trigger definition (a mapping such as 'platform: state') " + "or a list of them, got "
                        + (value == null ? "nothing" : "'" + value + "'"));
    }

    private static void check(Map<?, ?> trigger, int index) {
        // "platform" up to HA 2024.9, "trigger" from 2024.10 on
        if (!(trigger.get("platform") instanceof String) && !(trigger.get("trigger") instanceof String)) {
            throw new ParameterException(
                    PARAMETER,
                    (index == 0 ? "" : "entry " + index + " ")
                            + "needs a 'platform' (e.g. 'platform: state', 'platform: numeric_state', 'platform: template')");
        }
    }
}
