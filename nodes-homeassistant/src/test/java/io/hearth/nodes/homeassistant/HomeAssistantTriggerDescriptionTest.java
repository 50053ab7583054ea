package io.hearth.nodes.homeassistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.NodeType;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.ParameterType;
import io.hearth.node.trigger.TriggerNode;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class HomeAssistantTriggerDescriptionTest {

    private final HomeAssistantTriggerNode node = new HomeAssistantTriggerNode();
    private final NodeDescription d = node.description();

    @Test
    void isATriggerOfTheHomeAssistantCategoryUsingTheHomeAssistantCredential() {
        assertThat(d.name()).isEqualTo("hearth.homeAssistantTrigger");
        assertThat(d.displayName()).isEqualTo("Home Assistant Trigger");
        assertThat(d.group()).isEqualTo(NodeGroup.TRIGGER);
        assertThat(d.inputs()).isEmpty();
        assertThat(d.categories()).containsExactly("Home Assistant");
        HomeAssistantDescriptionTest.assertCredentialsByAuthentication(d);
        assertThat(node).isInstanceOf(TriggerNode.class);
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(NodeType.class).stream().map(ServiceLoader.Provider::type))
                .contains(HomeAssistantTriggerNode.class, HomeAssistantNode.class);
    }

    @Test
    void everyModeShowsOnlyItsOwnFields() {
        assertThat(shownFor("stateChanged"))
                .containsExactly(
                        "entityIds", "from", "to", "attribute", "forSeconds", "ignoreUnavailable", "emitMissed");
        assertThat(shownFor("event")).containsExactly("eventType", "eventData");
        assertThat(shownFor("trigger")).containsExactly("adminNotice", "triggerConfig");
        assertThat(d.parameter("ignoreUnavailable").orElseThrow().defaultValue())
                .isEqualTo(true);
        assertThat(d.parameter("emitMissed").orElseThrow().defaultValue()).isEqualTo(true);
    }

    @Test
    void theEntityDropdownHasItsLoadMethod() {
        Parameter entities = d.parameter("entityIds").orElseThrow();
        assertThat(entities.type())
                .isInstanceOfSatisfying(
                        ParameterType.MultiOptionsType.class,
                        t -> assertThat(t.dynamicOptions().orElseThrow().method())
                                .isEqualTo("getAllEntities"));
        assertThat(node.loadOptionsMethods()).containsOnlyKeys("getAllEntities");
    }

    private List<String> shownFor(String mode) {
        return d.parameters().stream()
                .filter(p -> !p.name().equals("event") && !p.name().equals("authentication"))
                .filter(p -> p.displayOptions()
                        .isVisible(name ->
                                name.equals("event") ? java.util.Optional.of(mode) : java.util.Optional.empty()))
                .map(Parameter::name)
                .toList();
    }
}
