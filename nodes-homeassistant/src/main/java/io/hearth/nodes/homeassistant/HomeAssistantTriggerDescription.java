package io.hearth.nodes.homeassistant;

import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.resource.StateResource;
import io.hearth.nodes.homeassistant.trigger.TriggerSpec;

/** The declarative description of the Home Assistant Trigger node: three modes, each with its own fields. */
final class HomeAssistantTriggerDescription {

    static final String NAME = "hearth.homeAssistantTrigger";
    static final String ENTITIES_METHOD = StateResource.ENTITIES;

    private HomeAssistantTriggerDescription() {}

    static NodeDescription build() {
        String state = TriggerSpec.STATE_CHANGED;
        String event = TriggerSpec.EVENT;
        String trigger = TriggerSpec.HA_TRIGGER;
        return NodeDescription.builder(NAME)
                .displayName("Home Assistant Trigger")
                .versions(1)
                .group(NodeGroup.TRIGGER)
                .categories("Home Assistant")
                .icon("file:homeassistant.svg")
                .description(
                        "Starts the workflow on Home Assistant state changes, events or native Home Assistant triggers")
                .subtitle("={{$parameter[\"event\"]}}")
                .credential(HaCredentials.requirements().get(0))
                .credential(HaCredentials.requirements().get(1))
                .parameter(HaCredentials.parameter())
                .parameter(Parameter.options(
                                TriggerSpec.MODE,
                                Option.of("State Changed", state, "An entity's state (or one attribute) changes"),
                                Option.of(
                                        "Event",
                                        event,
                                        "A Home Assistant event is fired (call_service, custom events, ...)"),
                                Option.of(
                                        "Home Assistant Trigger Config",
                                        trigger,
                                        "Any automation trigger written as in Home Assistant (numeric_state, template, sun, ...)"))
                        .displayName("Trigger On")
                        .defaultValue(state)
                        .noDataExpression())

                // ---- State changed
                .parameter(Parameter.dynamicMultiOptions("entityIds", DynamicOptions.of(ENTITIES_METHOD))
                        .displayName("Entities")
                        .required()
                        .description("The entities to watch (or entity ids separated by commas)")
                        .show(TriggerSpec.MODE, state))
                .parameter(Parameter.string("from")
                        .displayName("From State")
                        .placeholder("off")
                        .description(
                                "Only changes from this state (several: separated by commas). Empty: from any state. "
                                        + "With an attribute, the attribute's previous value.")
                        .show(TriggerSpec.MODE, state))
                .parameter(Parameter.string("to")
                        .displayName("To State")
                        .placeholder("on")
                        .description("Only changes to this state (several: separated by commas). Empty: to any state. "
                                + "With an attribute, the attribute's new value.")
                        .show(TriggerSpec.MODE, state))
                .parameter(Parameter.string("attribute")
                        .displayName("Attribute")
                        .placeholder("brightness")
                        .description("Trigger when this attribute changes instead of the state. Empty: the state; "
                                + "changes of attributes alone are then ignored.")
                        .show(TriggerSpec.MODE, state))
                .parameter(Parameter.number("forSeconds")
                        .minValue(0)
                        .precision(1)
                        .defaultValue(0)
                        .displayName("For (Seconds)")
                        .description("The new state must hold this long before the workflow starts; a change within "
                                + "this time cancels it. 0: start at once.")
                        .show(TriggerSpec.MODE, state))
                .parameter(Parameter.bool("ignoreUnavailable")
                        .displayName("Ignore Unavailable and Unknown")
                        .defaultValue(true)
                        .description(
                                "Skip changes from or to 'unavailable' or 'unknown' (devices dropping off, restarts) "
                                        + "and entities appearing or disappearing")
                        .show(TriggerSpec.MODE, state))
                .parameter(Parameter.bool("emitMissed")
                        .displayName("Emit Changes Missed While Disconnected")
                        .defaultValue(true)
                        .description(
                                "After a lost connection, compare the states with the last known ones and start the "
                                        + "workflow once for each change that happened meanwhile (marked missed_while_disconnected)")
                        .show(TriggerSpec.MODE, state))

                // ---- Event
                .parameter(Parameter.string("eventType")
                        .displayName("Event Type")
                        .placeholder("call_service")
                        .description("The event type to listen for. Empty: every event (busy on large installations).")
                        .show(TriggerSpec.MODE, event))
                .parameter(Parameter.json("eventData")
                        .displayName("Event Data Filter")
                        .defaultValue("")
                        .placeholder("{\"domain\": \"light\"}")
                        .description(
                                "A JSON object: the workflow starts only when every key has this value in the event's "
                                        + "data (objects match by subset). Empty: any data.")
                        .show(TriggerSpec.MODE, event))

                // ---- Home Assistant trigger config
                .parameter(Parameter.notice(
                                "adminNotice",
                                "Home Assistant allows native triggers (subscribe_trigger) "
                                        + "to administrators only: the credential's token must belong to an administrator.")
                        .show(TriggerSpec.MODE, trigger))
                .parameter(Parameter.text("triggerConfig", 8)
                        .displayName("Trigger Config (YAML or JSON)")
                        .required()
                        .placeholder("platform: numeric_state\nentity_id: sensor.outside_temperature\nabove: 25")
                        .description(
                                "One Home Assistant trigger, or a list of them, as in an automation's 'trigger:' section")
                        .show(TriggerSpec.MODE, trigger))
                .documentationUrl("https://developers.home-assistant.io/docs/api/websocket/")
                .build();
    }
}
