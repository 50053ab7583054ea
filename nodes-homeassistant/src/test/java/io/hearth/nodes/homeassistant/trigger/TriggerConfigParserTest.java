package io.hearth.nodes.homeassistant.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriggerConfigParserTest {

    @Test
    void readsYaml() {
        Object t = TriggerConfigParser.parse("""
                platform: numeric_state
                entity_id: input_number.hearth_target
                above: 50
                """);
        assertThat(t)
                .isEqualTo(Map.of("platform", "numeric_state", "entity_id", "input_number.hearth_target", "above", 50));
    }

    @Test
    void readsJsonAndListsAndUnwrapsAnAutomationFragment() {
        assertThat(TriggerConfigParser.parse("{\"platform\": \"sun\", \"event\": \"sunset\"}"))
                .isEqualTo(Map.of("platform", "sun", "event", "sunset"));
        Object list = TriggerConfigParser.parse("""
                trigger:
                  - platform: state
                    entity_id: light.kitchen
                    to: on
                  - platform: template
                    value_template: "{{ is_state('sun.sun', 'below_horizon') }}"
                """);
        assertThat(list)
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(2);
        // YAML 1.2: 'on' stays a string, as the user meant
        assertThat(((Map<?, ?>) ((List<?>) list).getFirst()).get("to")).isEqualTo("on");
    }

    @Test
    void rejectsTextThatIsNotATrigger() {
        assertThatThrownBy(() -> TriggerConfigParser.parse("platform: [unclosed"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("not valid YAML or JSON")
                .hasMessageContaining("line");
        assertThatThrownBy(() -> TriggerConfigParser.parse("entity_id: light.kitchen"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("needs a 'platform'");
        assertThatThrownBy(() -> TriggerConfigParser.parse("just text"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("must be a trigger definition");
        assertThatThrownBy(() -> TriggerConfigParser.parse("[]"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> TriggerSpec.parse(ParameterValues.of(Map.of("event", "trigger"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("triggerConfig")
                .hasMessageContaining("required");
    }

    @Test
    void sendsTheTriggerWithSubscribeTrigger() {
        TriggerSpec spec = TriggerSpec.parse(
                ParameterValues.of(Map.of("event", "trigger", "triggerConfig", "platform: sun\nevent: sunset")));
        assertThat(spec.subscribeCommand())
                .isEqualTo(
                        Map.of("type", "subscribe_trigger", "trigger", Map.of("platform", "sun", "event", "sunset")));
        assertThat(spec.describe()).contains("sun");
    }
}
