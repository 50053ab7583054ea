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
import io.hearth.nodes.homeassistant.resource.HaOperation;
import io.hearth.nodes.homeassistant.resource.HaResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declarative description of the Home Assistant node: n8n's parameter names and option values
 * (so n8n workflows import unchanged) plus Hearth's additions. Every parameter is shown only for the
 * resource/operation it belongs to.
 * <p>
 * The SPI allows one parameter per name, so {@code operation} is a single dropdown holding every
 * resource's operations (each option's description says which resources it applies to). Its
 * default is the empty string, meaning "the resource's default operation" as in n8n, whose saved
 * workflows omit an operation equal to the default; parameters of a default operation therefore also
 * show for {@code operation = ""}.
 */
final class HomeAssistantDescription {

    static final String NAME = "hearth.homeAssistant";
    static final String N8N_ALIAS = "n8n-nodes-base.homeAssistant";

    private HomeAssistantDescription() {
    }

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

    /** Default operation value shown with the operations of each resource. */
    static final String DEFAULT_OPERATION = "";

    private static List<Parameter> parameters(List<HaResource> resources) {
        List<Parameter> p = new ArrayList<>();
        Option[] resourceOptions = resources.stream()
                .map(r -> Option.of(r.displayName(), r.value()))
                .sorted(java.util.Comparator.comparing(Option::name))
                .toArray(Option[]::new);
        p.add(Parameter.options("resource", resourceOptions).displayName("Resource").defaultValue("config")
                .noDataExpression().build());
        p.add(Parameter.options("operation", operationOptions(resources)).displayName("Operation")
                .defaultValue(DEFAULT_OPERATION).noDataExpression()
                .description("Empty: the resource's default operation (as n8n)").build());

        // ---- Camera Proxy
        p.add(Parameter.resourceLocator("cameraEntityId",
                        LocatorMode.list("From List", DynamicOptions.of("getCameraEntities")),
                        LocatorMode.id("By ID", "^camera\\.[a-z0-9_]+$", "camera.front_door"))
                .displayName("Camera Entity").required()
                .show("resource", "cameraProxy").build());
        p.add(Parameter.string("binaryPropertyName").displayName("Put Output File in Field").defaultValue("data").required()
                .description("The binary property of the output item that receives the image")
                .show("resource", "cameraProxy").build());

        // ---- Event
        p.add(Parameter.string("eventType").displayName("Event Type").required().placeholder("my_event")
                .show("resource", "event").show("operation", "create").build());
        p.add(Parameter.options("dataMode",
                        Option.of("Fields", "fields", "Name/value pairs; values like 42, true or [1,2] are sent typed"),
                        Option.of("JSON", "json", "A JSON object"))
                .displayName("Data As").defaultValue("fields")
                .show("resource", "event", "service").show("operation", "create", "call").build());
        p.add(nameValueCollection("eventAttributes", "Event Data", "Add Field", false)
                .show("resource", "event").show("operation", "create").show("dataMode", "fields").build());

        // ---- Service
        p.add(Parameter.dynamicOptions("domain", DynamicOptions.of("getDomains")).displayName("Domain").required()
                .show("resource", "service").show("operation", "call").build());
        p.add(Parameter.dynamicOptions("service", DynamicOptions.of("getDomainServices", "domain")).displayName("Service")
                .required().show("resource", "service").show("operation", "call").build());
        p.add(Parameter.collection("target", "Add Target",
                        Parameter.dynamicMultiOptions("entityIds", DynamicOptions.of("getAllEntities", "/domain"))
                                .displayName("Entities").description("Entity ids, e.g. light.kitchen").build(),
                        Parameter.dynamicMultiOptions("areaIds", DynamicOptions.of("getAreas")).displayName("Areas").build(),
                        Parameter.dynamicMultiOptions("deviceIds", DynamicOptions.of("getDevices")).displayName("Devices").build(),
                        Parameter.string("floorIds").displayName("Floor IDs")
                                .description("Comma-separated floor ids (Home Assistant 2024.4 or later)").build(),
                        Parameter.string("labelIds").displayName("Label IDs")
                                .description("Comma-separated label ids (Home Assistant 2024.4 or later)").build())
                .displayName("Target").description("What the service acts on")
                .show("resource", "service").show("operation", "call").build());
        p.add(nameValueCollection("serviceAttributes", "Service Data", "Add Field", true)
                .show("resource", "service").show("operation", "call").show("dataMode", "fields").build());
        p.add(Parameter.json("jsonData").displayName("Data (JSON)").defaultValue("{}")
                .description("Event or service data as a JSON object")
                .show("resource", "event", "service").show("operation", "create", "call").show("dataMode", "json").build());
        p.add(Parameter.options("returnResponse",
                        Option.of("Auto", "auto", "Return the service's response data when the service offers one"),
                        Option.of("Always", "always", "Ask for the response (the service must support responses)"),
                        Option.of("Never", "never", "Return the states the call changed"))
                .displayName("Return Response").defaultValue("auto")
                .show("resource", "service").show("operation", "call").build());
        p.add(Parameter.dynamicOptions("domainFilter", DynamicOptions.of("getDomains")).displayName("Domain")
                .defaultValue("").description("Only this domain's services (empty: all)")
                .show("resource", "service").show("operation", "getAll", DEFAULT_OPERATION).build());

        // ---- State
        p.add(Parameter.resourceLocator("entityId",
                        LocatorMode.list("From List", DynamicOptions.of("getAllEntities")),
                        LocatorMode.id("By ID", "^[a-z0-9_]+\\.[a-z0-9_]+$", "sensor.outside_temperature"))
                .displayName("Entity").required()
                .show("resource", "state").show("operation", "get", "upsert", DEFAULT_OPERATION).build());
        p.add(Parameter.string("state").displayName("State").required()
                .show("resource", "state").show("operation", "upsert").build());
        p.add(nameValueCollection("stateAttributes", "State Attributes", "Add Attribute", false)
                .show("resource", "state").show("operation", "upsert").build());
        p.add(Parameter.options("attributesMode",
                        Option.of("Merge With Existing", "merge", "Keep the entity's other attributes"),
                        Option.of("Replace All", "replace", "The entity gets exactly the given attributes"))
                .displayName("Attributes").defaultValue("merge")
                .show("resource", "state").show("operation", "upsert").build());
        p.add(Parameter.bool("forceUpdate").displayName("Force Update").defaultValue(false)
                .description("Fire a state-changed event even if state and attributes did not change")
                .show("resource", "state").show("operation", "upsert").build());

        // ---- Template
        p.add(Parameter.text("template", 4).displayName("Template").required()
                .placeholder("{{ states('sensor.outside_temperature') }}")
                .description("A Home Assistant (Jinja) template")
                .show("resource", "template").build());

        // ---- History
        p.add(Parameter.dynamicMultiOptions("entityIds", DynamicOptions.of("getAllEntities")).displayName("Entities")
                .description("Required by Home Assistant: the entities whose history to get")
                .show("resource", "history").build());

        // ---- Shared: lists
        p.add(Parameter.bool("returnAll").displayName("Return All").defaultValue(false)
                .description("Whether to return all results or only up to a given limit")
                .show("resource", "event", "service", "state", "history").show("operation", "getAll", DEFAULT_OPERATION).build());
        p.add(Parameter.number("limit", 1, 100).displayName("Limit").defaultValue(50)
                .description("Max number of results to return")
                .show("resource", "event", "service", "state", "history").show("operation", "getAll", DEFAULT_OPERATION)
                .show("returnAll", false).build());

        // ---- Shared: Log (logbook) and History options
        p.add(Parameter.collection("additionalFields", "Add Field",
                        Parameter.dateTime("startTime").displayName("Start Time")
                                .description("Default: 24 hours ago").build(),
                        Parameter.dateTime("endTime").displayName("End Time").build(),
                        Parameter.string("entityId").displayName("Entity ID").placeholder("light.kitchen")
                                .description("Only entries of this entity").show("/resource", "log").build(),
                        Parameter.string("entityIds").displayName("Entity IDs").placeholder("light.kitchen,sensor.door")
                                .description("Comma-separated (n8n's field; the Entities field above is the same)")
                                .show("/resource", "history").build(),
                        Parameter.bool("minimalResponse").displayName("Minimal Response")
                                .description("Only last_changed and state for states other than the first and last")
                                .show("/resource", "history").build(),
                        Parameter.bool("noAttributes").displayName("No Attributes")
                                .description("Leave out the attributes (faster)").show("/resource", "history").build(),
                        Parameter.bool("significantChangesOnly").displayName("Significant Changes Only")
                                .description("Only significant state changes").show("/resource", "history").build())
                .displayName("Additional Fields")
                .show("resource", "log", "history").show("operation", "getLogbookEntries", "getAll", DEFAULT_OPERATION)
                .hide("operation", "getErroLogs").build());
        return p;
    }

    private static Parameter.Builder nameValueCollection(String name, String displayName, String addButton, boolean serviceFields) {
        Parameter nameField = serviceFields
                ? Parameter.resourceLocator("name",
                        LocatorMode.list("From List", DynamicOptions.of("getServiceFields", "/domain", "/service")),
                        LocatorMode.id("By Name", null, "brightness")).displayName("Name").build()
                : Parameter.string("name").displayName("Name").build();
        return Parameter.fixedCollection(name, true, addButton,
                        new FieldGroup("attributes", "Attributes", List.of(
                                nameField,
                                Parameter.string("value").displayName("Value")
                                        .description("Text; a number, true/false, or a JSON list/object is sent as such")
                                        .build())))
                .displayName(displayName);
    }

    /** Every operation value once, labelled with the resources it belongs to. */
    static Option[] operationOptions(List<HaResource> resources) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<String>> where = new LinkedHashMap<>();
        for (HaResource r : resources) {
            for (HaOperation o : r.operations()) {
                names.putIfAbsent(o.value(), o.displayName());
                where.computeIfAbsent(o.value(), k -> new ArrayList<>()).add(r.displayName() + ": " + o.description());
            }
        }
        return names.entrySet().stream()
                .map(e -> Option.of(e.getValue(), e.getKey(), String.join(" | ", where.get(e.getKey()))))
                .toArray(Option[]::new);
    }
}
