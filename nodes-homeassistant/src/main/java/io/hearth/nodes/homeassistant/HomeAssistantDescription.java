package io.hearth.nodes.homeassistant;

import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.LocatorMode;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.credential.HomeAssistantApiCredentialType;
import io.hearth.nodes.homeassistant.resource.HaResource;
import java.util.ArrayList;
import java.util.List;

/**
 * The declarative description of the Home Assistant node: n8n's parameter names and option values
 * (so n8n workflows import unchanged) plus Hearth's additions.
 * <p>
 * As in n8n, {@code operation} is declared once per resource, each with that resource's options and
 * default and shown only for it; a workflow that leaves the operation out (n8n omits defaults when
 * saving) gets the resource's default from the runtime. Every other parameter is shown for exactly
 * the resource/operation pairs it belongs to ({@code resource=X, operation=Y}); a parameter shared by
 * two operations with different fields or meaning is declared once per resource too.
 */
final class HomeAssistantDescription {

    static final String NAME = "hearth.homeAssistant";
    static final String N8N_ALIAS = "n8n-nodes-base.homeAssistant";

    private HomeAssistantDescription() {}

    static NodeDescription build(List<HaResource> resources) {
        return NodeDescription.builder(NAME)
                .alias(N8N_ALIAS)
                .displayName("Home Assistant")
                .versions(1)
                .group(NodeGroup.ACTION)
                .categories("Home Assistant")
                .icon("file:homeassistant.svg")
                .description("Read states, call services, fire events, render templates and more in Home Assistant")
                .subtitle("={{$parameter[\"operation\"] + \": \" + $parameter[\"resource\"]}}")
                .credential(CredentialRequirement.required(HomeAssistantApiCredentialType.NAME))
                .parameters(parameters(resources))
                .documentationUrl("https://developers.home-assistant.io/docs/api/rest/")
                .build();
    }

    private static List<Parameter> parameters(List<HaResource> resources) {
        List<Parameter> p = new ArrayList<>();
        Option[] resourceOptions = resources.stream()
                .map(r -> Option.of(r.displayName(), r.value()))
                .sorted(java.util.Comparator.comparing(Option::name))
                .toArray(Option[]::new);
        p.add(Parameter.options("resource", resourceOptions)
                .displayName("Resource")
                .defaultValue("config")
                .noDataExpression()
                .build());
        // All operation variants come before the fields: a field's operation rule then sees the
        // operation of the current resource (the runtime resolves parameters in declaration order).
        resources.forEach(r -> p.add(operation(r)));

        // ---- Camera Proxy
        p.add(on(
                        Parameter.resourceLocator(
                                        "cameraEntityId",
                                        LocatorMode.list("From List", DynamicOptions.of("getCameraEntities")),
                                        LocatorMode.id("By ID", "^camera\\.[a-z0-9_]+$", "camera.front_door"))
                                .displayName("Camera Entity")
                                .required(),
                        "cameraProxy",
                        "getScreenshot")
                .build());
        p.add(on(
                        Parameter.string("binaryPropertyName")
                                .displayName("Put Output File in Field")
                                .defaultValue("data")
                                .required()
                                .description("The binary property of the output item that receives the image"),
                        "cameraProxy",
                        "getScreenshot")
                .build());

        // ---- Event
        p.add(on(
                        Parameter.string("eventType")
                                .displayName("Event Type")
                                .required()
                                .placeholder("my_event"),
                        "event",
                        "create")
                .build());
        p.add(on(dataMode(), "event", "create").build());
        p.add(on(nameValueCollection("eventAttributes", "Event Data", "Add Field", false), "event", "create")
                .show("dataMode", "fields")
                .build());
        p.add(on(jsonData("Event data as a JSON object"), "event", "create")
                .show("dataMode", "json")
                .build());

        // ---- Service
        p.add(on(
                        Parameter.dynamicOptions("domain", DynamicOptions.of("getDomains"))
                                .displayName("Domain")
                                .required(),
                        "service",
                        "call")
                .build());
        p.add(on(
                        Parameter.dynamicOptions("service", DynamicOptions.of("getDomainServices", "domain"))
                                .displayName("Service")
                                .required(),
                        "service",
                        "call")
                .build());
        p.add(on(
                        Parameter.collection(
                                        "target",
                                        "Add Target",
                                        Parameter.dynamicMultiOptions(
                                                        "entityIds", DynamicOptions.of("getAllEntities", "/domain"))
                                                .displayName("Entities")
                                                .description("Entity ids, e.g. light.kitchen")
                                                .build(),
                                        Parameter.dynamicMultiOptions("areaIds", DynamicOptions.of("getAreas"))
                                                .displayName("Areas")
                                                .build(),
                                        Parameter.dynamicMultiOptions("deviceIds", DynamicOptions.of("getDevices"))
                                                .displayName("Devices")
                                                .build(),
                                        Parameter.string("floorIds")
                                                .displayName("Floor IDs")
                                                .description(
                                                        "Comma-separated floor ids (Home Assistant 2024.4 or later)")
                                                .build(),
                                        Parameter.string("labelIds")
                                                .displayName("Label IDs")
                                                .description(
                                                        "Comma-separated label ids (Home Assistant 2024.4 or later)")
                                                .build())
                                .displayName("Target")
                                .description("What the service acts on"),
                        "service",
                        "call")
                .build());
        p.add(on(dataMode(), "service", "call").build());
        p.add(on(nameValueCollection("serviceAttributes", "Service Data", "Add Field", true), "service", "call")
                .show("dataMode", "fields")
                .build());
        p.add(on(jsonData("Service data as a JSON object"), "service", "call")
                .show("dataMode", "json")
                .build());
        p.add(on(
                        Parameter.options(
                                        "returnResponse",
                                        Option.of(
                                                "Auto",
                                                "auto",
                                                "Return the service's response data when the service offers one"),
                                        Option.of(
                                                "Always",
                                                "always",
                                                "Ask for the response (the service must support responses)"),
                                        Option.of("Never", "never", "Return the states the call changed"))
                                .displayName("Return Response")
                                .defaultValue("auto"),
                        "service",
                        "call")
                .build());
        p.add(on(
                        Parameter.dynamicOptions("domainFilter", DynamicOptions.of("getDomains"))
                                .displayName("Domain")
                                .defaultValue("")
                                .description("Only this domain's services (empty: all)"),
                        "service",
                        "getAll")
                .build());

        // ---- State
        p.add(on(
                        Parameter.resourceLocator(
                                        "entityId",
                                        LocatorMode.list("From List", DynamicOptions.of("getAllEntities")),
                                        LocatorMode.id(
                                                "By ID", "^[a-z0-9_]+\\.[a-z0-9_]+$", "sensor.outside_temperature"))
                                .displayName("Entity")
                                .required(),
                        "state",
                        "get",
                        "upsert")
                .build());
        p.add(on(Parameter.string("state").displayName("State").required(), "state", "upsert")
                .build());
        p.add(on(nameValueCollection("stateAttributes", "State Attributes", "Add Attribute", false), "state", "upsert")
                .build());
        p.add(on(
                        Parameter.options(
                                        "attributesMode",
                                        Option.of("Merge With Existing", "merge", "Keep the entity's other attributes"),
                                        Option.of(
                                                "Replace All",
                                                "replace",
                                                "The entity gets exactly the given attributes"))
                                .displayName("Attributes")
                                .defaultValue("merge"),
                        "state",
                        "upsert")
                .build());
        p.add(on(
                        Parameter.bool("forceUpdate")
                                .displayName("Force Update")
                                .defaultValue(false)
                                .description("Fire a state-changed event even if state and attributes did not change"),
                        "state",
                        "upsert")
                .build());

        // ---- Template
        p.add(on(
                        Parameter.text("template", 4)
                                .displayName("Template")
                                .required()
                                .placeholder("{{ states('sensor.outside_temperature') }}")
                                .description("A Home Assistant (Jinja) template"),
                        "template",
                        "create")
                .build());

        // ---- History
        p.add(on(
                        Parameter.dynamicMultiOptions("entityIds", DynamicOptions.of("getAllEntities"))
                                .displayName("Entities")
                                .description("Required by Home Assistant: the entities whose history to get"),
                        "history",
                        "getAll")
                .build());

        // ---- Lists: the "getAll" operation of event, service, state and history
        p.add(Parameter.bool("returnAll")
                .displayName("Return All")
                .defaultValue(false)
                .description("Whether to return all results or only up to a given limit")
                .show("resource", "event", "service", "state", "history")
                .show("operation", "getAll")
                .build());
        p.add(Parameter.number("limit", 1, 100)
                .displayName("Limit")
                .defaultValue(50)
                .description("Max number of results to return")
                .show("resource", "event", "service", "state", "history")
                .show("operation", "getAll")
                .show("returnAll", false)
                .build());

        // ---- Additional fields: one per resource, as n8n (logbook entries and history differ)
        p.add(on(
                        Parameter.collection(
                                        "additionalFields",
                                        "Add Field",
                                        Parameter.dateTime("startTime")
                                                .displayName("Start Time")
                                                .description("Default: 24 hours ago")
                                                .build(),
                                        Parameter.dateTime("endTime")
                                                .displayName("End Time")
                                                .build(),
                                        Parameter.string("entityId")
                                                .displayName("Entity ID")
                                                .placeholder("light.kitchen")
                                                .description("Only entries of this entity")
                                                .build())
                                .displayName("Additional Fields"),
                        "log",
                        "getLogbookEntries")
                .build());
        p.add(on(
                        Parameter.collection(
                                        "additionalFields",
                                        "Add Field",
                                        Parameter.dateTime("startTime")
                                                .displayName("Start Time")
                                                .description("Default: 24 hours ago")
                                                .build(),
                                        Parameter.dateTime("endTime")
                                                .displayName("End Time")
                                                .build(),
                                        Parameter.string("entityIds")
                                                .displayName("Entity IDs")
                                                .placeholder("light.kitchen,sensor.door")
                                                .description(
                                                        "Comma-separated (n8n's field; the Entities field above is the same)")
                                                .build(),
                                        Parameter.bool("minimalResponse")
                                                .displayName("Minimal Response")
                                                .description(
                                                        "Only last_changed and state for states other than the first and last")
                                                .build(),
                                        Parameter.bool("noAttributes")
                                                .displayName("No Attributes")
                                                .description("Leave out the attributes (faster)")
                                                .build(),
                                        Parameter.bool("significantChangesOnly")
                                                .displayName("Significant Changes Only")
                                                .description("Only significant state changes")
                                                .build())
                                .displayName("Additional Fields"),
                        "history",
                        "getAll")
                .build());
        return p;
    }

    /** The {@code operation} of one resource: its options (n8n's values, names and order) and default. */
    static Parameter operation(HaResource resource) {
        Option[] options = resource.operations().stream()
                .map(o -> Option.of(o.displayName(), o.value(), o.description()))
                .toArray(Option[]::new);
        return Parameter.options("operation", options)
                .displayName("Operation")
                .defaultValue(resource.defaultOperation())
                .noDataExpression()
                .show("resource", resource.value())
                .build();
    }

    /** Shows {@code builder} only for {@code resource} with one of {@code operations}. */
    private static Parameter.Builder on(Parameter.Builder builder, String resource, String... operations) {
        return builder.show("resource", resource).show("operation", (Object[]) operations);
    }

    private static Parameter.Builder dataMode() {
        return Parameter.options(
                        "dataMode",
                        Option.of("Fields", "fields", "Name/value pairs; values like 42, true or [1,2] are sent typed"),
                        Option.of("JSON", "json", "A JSON object"))
                .displayName("Data As")
                .defaultValue("fields");
    }

    private static Parameter.Builder jsonData(String description) {
        return Parameter.json("jsonData")
                .displayName("Data (JSON)")
                .defaultValue("{}")
                .description(description);
    }

    private static Parameter.Builder nameValueCollection(
            String name, String displayName, String addButton, boolean serviceFields) {
        Parameter nameField = serviceFields
                ? Parameter.resourceLocator(
                                "name",
                                LocatorMode.list(
                                        "From List", DynamicOptions.of("getServiceFields", "/domain", "/service")),
                                LocatorMode.id("By Name", null, "brightness"))
                        .displayName("Name")
                        .build()
                : Parameter.string("name").displayName("Name").build();
        return Parameter.fixedCollection(
                        name,
                        true,
                        addButton,
                        new FieldGroup(
                                "attributes",
                                "Attributes",
                                List.of(
                                        nameField,
                                        Parameter.string("value")
                                                .displayName("Value")
                                                .description(
                                                        "Text; a number, true/false, or a JSON list/object is sent as such")
                                                .build())))
                .displayName(displayName);
    }
}
