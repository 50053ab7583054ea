package io.hearth.uischema;

import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.description.Condition;
import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.DynamicOutputs;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.LocatorMode;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.util.Optional;

/** Realistic descriptions in the style of n8n's Home Assistant and Switch nodes. */
final class TestDescriptions {

    static final String ENTITY_ID_PATTERN = "[a-z_]+\\.[a-z0-9_]+";

    private TestDescriptions() {}

    static NodeDescription homeAssistant() {
        return NodeDescription.builder("hearth.homeAssistant")
                .alias("n8n-nodes-base.homeAssistant")
                .displayName("Home Assistant")
                .versions(1, 2)
                .group(NodeGroup.ACTION)
                .categories("Home Assistant")
                .icon("file:homeAssistant.svg")
                .description("Read and change your Home Assistant")
                .subtitle("={{$parameter[\"operation\"] + \": \" + $parameter[\"resource\"]}}")
                .credential(CredentialRequirement.required("homeAssistantApi"))
                .documentationUrl("https://hearth.example/docs/nodes/home-assistant")
                .parameter(Parameter.notice(
                                "versionNotice", "Version 1 returns raw states; version 2 adds typed attributes.")
                        .show("@version", Condition.of(Condition.Operator.LT, 2)))
                .parameter(Parameter.options(
                                "resource",
                                Option.of("Event", "event"),
                                Option.of("Service", "service"),
                                Option.of("State", "state"),
                                Option.of("Template", "template"))
                        .displayName("Resource")
                        .defaultValue("state")
                        .required()
                        .noDataExpression())
                .parameter(Parameter.options(
                                "operation",
                                Option.of("Get", "get", "Get the state of an entity"),
                                Option.of("Get Many", "getAll", "Get the states of many entities"),
                                Option.of("Create or Update", "upsert", "Set the state of an entity"))
                        .displayName("Operation")
                        .defaultValue("get")
                        .noDataExpression()
                        .show("resource", "state"))
                .parameter(Parameter.options(
                                "operation",
                                Option.of("Call", "call", "Call a service"),
                                Option.of("Get Many", "getAll", "List the services of every domain"))
                        .displayName("Operation")
                        .defaultValue("call")
                        .noDataExpression()
                        .show("resource", "service"))
                .parameter(Parameter.string("entityId")
                        .displayName("Entity ID")
                        .required()
                        .placeholder("light.kitchen")
                        .description("The entity to read")
                        .show("resource", "state")
                        .show("operation", "get"))
                .parameter(Parameter.bool("returnAll")
                        .displayName("Return All")
                        .description("Whether to return all results or only up to a limit")
                        .show("operation", "getAll"))
                .parameter(Parameter.number("limit")
                        .displayName("Limit")
                        .range(1, 100)
                        .defaultValue(50)
                        .description("Max number of results to return")
                        .show("operation", "getAll")
                        .show("returnAll", false))
                .parameter(Parameter.multiOptions(
                                "domainFilter",
                                Option.of("Light", "light"),
                                Option.of("Switch", "switch"),
                                Option.of("Sensor", "sensor"))
                        .displayName("Domains")
                        .show("resource", "state")
                        .show("operation", "getAll"))
                .parameter(Parameter.dynamicMultiOptions("entityIds", DynamicOptions.of("getEntities", "domainFilter"))
                        .displayName("Entities")
                        .show("resource", "state")
                        .show("operation", "getAll"))
                .parameter(Parameter.dynamicOptions("domain", DynamicOptions.of("getDomains"))
                        .displayName("Domain")
                        .required()
                        .show("resource", "service")
                        .show("operation", "call"))
                .parameter(Parameter.dynamicOptions("service", DynamicOptions.of("getServices", "domain"))
                        .displayName("Service")
                        .required()
                        .show("resource", "service")
                        .show("operation", "call"))
                .parameter(Parameter.resourceLocator(
                                "target",
                                LocatorMode.list("From List", DynamicOptions.of("getEntities", "domain")),
                                LocatorMode.id("By ID", ENTITY_ID_PATTERN, "light.kitchen"))
                        .displayName("Target Entity")
                        .show("resource", "service")
                        .show("operation", "call"))
                .parameter(Parameter.json("serviceData")
                        .displayName("Service Data")
                        .defaultValue("{}")
                        .hint("Sent as the service call's data")
                        .show("resource", "service")
                        .show("operation", "call"))
                .parameter(Parameter.string("stateValue")
                        .displayName("State")
                        .required()
                        .show("resource", "state")
                        .show("operation", "upsert"))
                .parameter(Parameter.fixedCollection(
                                "stateAttributes",
                                true,
                                "Add Attribute",
                                new FieldGroup(
                                        "attributes",
                                        "Attributes",
                                        Parameter.all(
                                                Parameter.string("name")
                                                        .displayName("Name")
                                                        .required(),
                                                Parameter.string("value").displayName("Value"))))
                        .displayName("State Attributes")
                        .show("resource", "state")
                        .show("operation", "upsert"))
                .parameter(Parameter.collection(
                                "additionalFields",
                                "Add Field",
                                Parameter.dateTime("since").displayName("Since").build(),
                                Parameter.bool("includeAttributes")
                                        .displayName("Include Attributes")
                                        .build(),
                                Parameter.multiOptions(
                                                "attributeNames",
                                                Option.of("Brightness", "brightness"),
                                                Option.of("Color Mode", "color_mode"),
                                                Option.of("Friendly Name", "friendly_name"))
                                        .displayName("Attributes")
                                        .show("includeAttributes", true)
                                        .show("/resource", "state")
                                        .build(),
                                Parameter.color("highlightColor")
                                        .displayName("Highlight Color")
                                        .defaultValue("#ff8800")
                                        .build(),
                                Parameter.number("decimals")
                                        .displayName("Decimals")
                                        .range(0, 6)
                                        .defaultValue(2)
                                        .build())
                        .displayName("Additional Fields")
                        .show("resource", "state")
                        .show("operation", "get"))
                .parameter(Parameter.text("template", 4)
                        .displayName("Template")
                        .required()
                        .placeholder("{{ states('sun.sun') }}")
                        .show("resource", "template"))
                .parameter(Parameter.string("eventType")
                        .displayName("Event Type")
                        .required()
                        .show("resource", "event"))
                .parameter(Parameter.json("eventData").displayName("Event Data").show("resource", "event"))
                .parameter(Parameter.options("responseFormat", Option.of("Raw", "raw"), Option.of("Typed", "typed"))
                        .displayName("Response Format")
                        .defaultValue("typed")
                        .show("@version", Condition.of(Condition.Operator.GTE, 2)))
                .parameter(Parameter.bool("simplify")
                        .displayName("Simplify")
                        .defaultValue(true)
                        .hide("resource", "template", "event"))
                .build();
    }

    /** A Switch-like router: one output per rule, plus a fallback output. */
    static NodeDescription switchNode() {
        return NodeDescription.builder("hearth.switch")
                .alias("n8n-nodes-base.switch")
                .displayName("Switch")
                .versions(3)
                .categories("Flow")
                .icon("fa:map-signs")
                .description("Route items to different outputs")
                .dynamicOutputs(new DynamicOutputs(
                        "rules.values", "outputKey", Optional.of("fallbackOutput"), Optional.of("extra"), "Fallback"))
                .parameter(Parameter.options("mode", Option.of("Rules", "rules"), Option.of("Expression", "expression"))
                        .displayName("Mode")
                        .noDataExpression())
                .parameter(Parameter.fixedCollection(
                                "rules",
                                true,
                                "Add Routing Rule",
                                new FieldGroup(
                                        "values",
                                        "Values",
                                        Parameter.all(
                                                Parameter.string("outputKey").displayName("Output Name"),
                                                Parameter.options(
                                                                "operation",
                                                                Option.of("Equal", "equal"),
                                                                Option.of("Larger", "larger"),
                                                                Option.of("Smaller", "smaller"))
                                                        .displayName("Operation"),
                                                Parameter.number("value")
                                                        .displayName("Value")
                                                        .required())))
                        .displayName("Routing Rules")
                        .show("mode", "rules"))
                .parameter(Parameter.options(
                                "fallbackOutput", Option.of("None", "none"), Option.of("Extra Output", "extra"))
                        .displayName("Fallback Output"))
                .parameter(Parameter.fixedCollection(
                                "options",
                                false,
                                "Add Option",
                                new FieldGroup(
                                        "settings",
                                        "Settings",
                                        Parameter.all(
                                                Parameter.bool("ignoreCase").displayName("Ignore Case"),
                                                Parameter.string("renameFallback")
                                                        .displayName("Fallback Name")
                                                        .required()
                                                        .show("/fallbackOutput", "extra"))))
                        .displayName("Options"))
                .build();
    }

    static CredentialDescription homeAssistantApi() {
        return new CredentialDescription(
                "homeAssistantApi",
                "Home Assistant API",
                Parameter.all(
                        Parameter.string("host").displayName("Host").required().placeholder("homeassistant.local"),
                        Parameter.number("port")
                                .displayName("Port")
                                .range(1, 65535)
                                .defaultValue(8123),
                        Parameter.bool("ssl").displayName("SSL"),
                        Parameter.secret("accessToken")
                                .displayName("Access Token")
                                .required()
                                .hint("Profile → Security → Long-lived access tokens"),
                        Parameter.text("caCertificate", 5)
                                .displayName("CA Certificate")
                                .required()
                                .show("ssl", true)),
                Optional.of("https://hearth.example/docs/credentials/home-assistant"),
                "file:homeAssistant.svg");
    }
}
