package io.hearth.nodes.homeassistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.hearth.node.NodeType;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.description.DisplayOptions;
import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.LocatorMode;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.ParameterType;
import io.hearth.nodes.homeassistant.credential.HomeAssistantApiCredentialType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HomeAssistantDescriptionTest {

    private final HomeAssistantNode node = new HomeAssistantNode(c -> {
        throw new AssertionError("no HA calls in description tests");
    });
    private final NodeDescription d = node.description();

    @Test
    void isRegisteredUnderHearthAndN8nNames() {
        assertThat(d.name()).isEqualTo("hearth.homeAssistant");
        assertThat(d.aliases()).containsExactly("n8n-nodes-base.homeAssistant");
        assertThat(d.versions()).containsExactly(1.0, 2.0);
        assertThat(d.group()).isEqualTo(NodeGroup.ACTION);
        assertThat(d.categories()).containsExactly("Home Assistant");
        assertThat(d.icon()).isEqualTo("file:homeassistant.svg");
        assertThat(getClass().getClassLoader().getResource("homeassistant.svg")).isNotNull();
        assertCredentialsByAuthentication(d);
    }

    /** n8n's credential for an access token (the default), "Home Assistant (Sign in)" for sign-in. */
    static void assertCredentialsByAuthentication(NodeDescription d) {
        assertThat(d.credentials())
                .extracting(c -> c.type(), c -> c.displayOptions().show())
                .containsExactly(
                        tuple("homeAssistantApi", Map.of("authentication", List.of("accessToken"))),
                        tuple("homeAssistantOAuth2Api", Map.of("authentication", List.of("signIn"))));
        assertThat(d.parameter("authentication").orElseThrow().defaultValue()).isEqualTo("accessToken");
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(NodeType.class).stream().map(ServiceLoader.Provider::type))
                .contains(HomeAssistantNode.class);
        assertThat(ServiceLoader.load(CredentialType.class).stream().map(ServiceLoader.Provider::type))
                .contains(HomeAssistantApiCredentialType.class);
    }

    /** n8n's operations per resource, in n8n's order, and the default (first entry of the value). */
    private static final Map<String, List<String>> N8N_OPERATIONS = orderedMap(
            "cameraProxy", List.of("getScreenshot", "getScreenshot"),
            "config", List.of("get", "get", "check"),
            "event", List.of("getAll", "create", "getAll"),
            "log", List.of("getErroLogs", "getErroLogs", "getLogbookEntries"),
            "service", List.of("getAll", "call", "getAll"),
            "state", List.of("get", "upsert", "get", "getAll", "delete"),
            "template", List.of("create", "create"),
            "history", List.of("getAll", "getAll", "getStatistics"),
            // Hearth's own resources (and above, after n8n's: state delete, history getStatistics)
            "registry", List.of("getAll", "get", "getAll", "getRelated"),
            "calendar", List.of("getEvents", "getEvents", "getAll"),
            "script", List.of("execute", "execute"),
            "todo", List.of("getAll", "create", "delete", "getAll", "update"));

    @Test
    void keepsN8nResourceValues() {
        assertThat(optionValues(param("resource")))
                .containsExactlyInAnyOrder(
                        "cameraProxy",
                        "config",
                        "event",
                        "log",
                        "service",
                        "state",
                        "template",
                        "history",
                        "registry",
                        "calendar",
                        "script",
                        "todo");
        assertThat(param("resource").defaultValue()).isEqualTo("config");
        assertThat(param("resource").noDataExpression()).isTrue();
    }

    @Test
    void declaresOneOperationPerResourceWithN8nOptionsAndDefault() {
        List<Parameter> operations = d.parameters().stream()
                .filter(p -> p.name().equals("operation"))
                .toList();
        assertThat(operations).hasSize(N8N_OPERATIONS.size());
        N8N_OPERATIONS.forEach((resource, spec) -> {
            // exactly one operation parameter is shown for the resource, and it is shown for no other
            List<Parameter> shown = operations.stream()
                    .filter(p -> p.displayOptions().isVisible(valuesOf(Map.of("resource", resource))))
                    .toList();
            assertThat(shown).as("operation parameters shown for " + resource).hasSize(1);
            Parameter operation = shown.getFirst();
            assertThat(operation.displayOptions().show()).containsExactly(Map.entry("resource", List.of(resource)));
            assertThat(operation.displayOptions().hide()).isEmpty();
            assertThat(operation.noDataExpression()).isTrue();
            assertThat(operation.displayName()).isEqualTo("Operation");
            assertThat(optionValues(operation))
                    .as("operations of " + resource)
                    .containsExactlyElementsOf(spec.subList(1, spec.size()));
            assertThat(operation.defaultValue())
                    .as("default operation of " + resource)
                    .isEqualTo(spec.getFirst());
            for (String op : spec.subList(1, spec.size())) {
                assertThat(node.operation(ParameterValues.of(Map.of("resource", resource, "operation", op)))
                                .value())
                        .isEqualTo(op);
            }
        });
    }

    @Test
    void operationOptionsHaveN8nNamesAndDescriptions() {
        assertThat(operationOptions("state"))
                .extracting(Option::name, Option::description)
                .startsWith(
                        tuple(
                                "Create or Update",
                                "Create a new record, or update the current one if it already exists (upsert)"),
                        tuple("Get", "Get a state for a specific entity"),
                        tuple("Get Many", "Get many states"));
        assertThat(operationOptions("config"))
                .extracting(Option::name, Option::description)
                .containsExactly(
                        tuple("Get", "Get the configuration"), tuple("Check Configuration", "Check the configuration"));
        assertThat(operationOptions("event"))
                .extracting(Option::name, Option::description)
                .containsExactly(tuple("Create", "Create an event"), tuple("Get Many", "Get many events"));
        assertThat(operationOptions("log"))
                .extracting(Option::name, Option::description)
                .containsExactly(
                        tuple("Get Error Logs", "Get Home Assistant's error log (home-assistant.log)"),
                        tuple("Get Logbook Entries", "Get all logs"));
        assertThat(operationOptions("service"))
                .extracting(Option::name, Option::description)
                .containsExactly(
                        tuple("Call", "Call a service within a specific domain"),
                        tuple("Get Many", "Get many services"));
        assertThat(operationOptions("cameraProxy"))
                .extracting(Option::name, Option::description)
                .containsExactly(tuple("Get Screenshot", "Get the camera screenshot"));
        assertThat(operationOptions("template"))
                .extracting(Option::name, Option::description)
                .containsExactly(tuple("Create", "Create a template"));
        assertThat(operationOptions("history"))
                .extracting(Option::name, Option::description)
                .startsWith(tuple("Get Many", "Get many state changes"));
    }

    @Test
    void anOmittedOperationIsTheResourcesDefault() {
        // as the runtime resolves a workflow exported from n8n, which leaves defaults out
        N8N_OPERATIONS.forEach((resource, spec) -> {
            Map<String, Object> resolved = HaNodeRun.resolved(d, 2, Map.of("resource", resource));
            assertThat(resolved).as(resource).containsEntry("operation", spec.getFirst());
            assertThat(node.operation(ParameterValues.of(resolved)).value()).isEqualTo(spec.getFirst());
        });
        Map<String, Object> noResource = HaNodeRun.resolved(d, 2, Map.of());
        assertThat(noResource).containsEntry("resource", "config").containsEntry("operation", "get");
        // the default operation's fields are shown, the other operations' are not
        Map<String, Object> state = HaNodeRun.resolved(d, 2, Map.of("resource", "state"));
        assertThat(state).containsKey("entityId").doesNotContainKeys("state", "stateAttributes", "returnAll", "limit");
        Map<String, Object> event = HaNodeRun.resolved(d, 2, Map.of("resource", "event"));
        assertThat(event)
                .containsEntry("returnAll", false)
                .containsEntry("limit", 50)
                .doesNotContainKeys("eventType", "dataMode", "eventAttributes", "jsonData");
        Map<String, Object> service = HaNodeRun.resolved(d, 2, Map.of("resource", "service"));
        assertThat(service)
                .containsKeys("domainFilter", "returnAll", "limit")
                .doesNotContainKeys("domain", "service", "dataMode", "returnResponse");
        assertThat(HaNodeRun.resolved(d, 2, Map.of("resource", "log"))).doesNotContainKey("additionalFields");
        assertThat(HaNodeRun.resolved(d, 2, Map.of("resource", "log", "operation", "getLogbookEntries")))
                .containsKey("additionalFields");
        assertThat(HaNodeRun.resolved(d, 2, Map.of("resource", "history")))
                .containsKeys("entityIds", "additionalFields");
        assertThat(HaNodeRun.resolved(d, 2, Map.of("resource", "cameraProxy")))
                .containsEntry("operation", "getScreenshot")
                .containsEntry("binaryPropertyName", "data");
    }

    @Test
    void anExplicitOperationIsKeptAndShowsItsFields() {
        Map<String, Object> upsert = HaNodeRun.resolved(d, 2, Map.of("resource", "state", "operation", "upsert"));
        assertThat(upsert)
                .containsEntry("operation", "upsert")
                .containsKeys("entityId", "state", "stateAttributes", "keepAttributes", "forceUpdate");
        Map<String, Object> call = HaNodeRun.resolved(d, 2, Map.of("resource", "service", "operation", "call"));
        assertThat(call)
                .containsEntry("dataMode", "fields")
                .containsKeys("domain", "service", "serviceAttributes")
                .doesNotContainKeys("jsonData", "returnAll", "limit", "domainFilter");
    }

    @Test
    void keepExistingAttributesIsOffForN8nsVersionOneAndOnForNewNodes() {
        Map<String, Object> upsert = Map.of("resource", "state", "operation", "upsert");
        assertThat(HaNodeRun.resolved(d, 1, upsert)).containsEntry("keepAttributes", false);
        assertThat(HaNodeRun.resolved(d, 2, upsert)).containsEntry("keepAttributes", true);
        assertThat(d.defaultVersion()).isEqualTo(2.0);
        // set explicitly, both versions do what they are told
        assertThat(HaNodeRun.resolved(d, 1, Map.of("resource", "state", "operation", "upsert", "keepAttributes", true)))
                .containsEntry("keepAttributes", true);
    }

    @Test
    void anOperationOfAnotherResourceOrNoneIsAParameterError() {
        assertThatThrownBy(
                        () -> node.operation(ParameterValues.of(Map.of("resource", "template", "operation", "getAll"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("'getAll' is not an operation of Template")
                .hasMessageContaining("[create]");
        assertThatThrownBy(() -> node.operation(ParameterValues.of(Map.of("resource", "state"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("Parameter 'operation' is not set")
                .hasMessageContaining("[upsert, get, getAll, delete]");
    }

    @Test
    void operationsAreDeclaredBeforeTheFieldsThatDependOnThem() {
        // the runtime resolves parameters in order; a field's operation rule must see the resource's operation
        int lastOperation = 0;
        int firstDependent = Integer.MAX_VALUE;
        for (int i = 0; i < d.parameters().size(); i++) {
            Parameter p = d.parameters().get(i);
            if (p.name().equals("operation")) {
                lastOperation = i;
            } else if (p.displayOptions().show().containsKey("operation")) {
                firstDependent = Math.min(firstDependent, i);
            }
        }
        assertThat(lastOperation).isLessThan(firstDependent);
    }

    @Test
    void keepsN8nParameterNames() {
        List<String> names = d.parameters().stream().map(Parameter::name).toList();
        assertThat(names)
                .contains(
                        "cameraEntityId",
                        "binaryPropertyName",
                        "eventType",
                        "eventAttributes",
                        "domain",
                        "service",
                        "serviceAttributes",
                        "entityId",
                        "state",
                        "stateAttributes",
                        "template",
                        "returnAll",
                        "limit",
                        "additionalFields");
        // one additionalFields per resource, as n8n
        assertThat(fieldNames(variant("additionalFields", "log", "getLogbookEntries")))
                .containsExactly("startTime", "endTime", "entityId");
        assertThat(fieldNames(variant("additionalFields", "history", "getAll")))
                .contains("startTime", "endTime", "entityIds", "minimalResponse", "significantChangesOnly");
        for (String fc : List.of("eventAttributes", "serviceAttributes", "stateAttributes")) {
            ParameterType.FixedCollectionType type =
                    (ParameterType.FixedCollectionType) param(fc).type();
            assertThat(type.groups()).singleElement().satisfies(g -> {
                assertThat(g.name()).isEqualTo("attributes");
                assertThat(g.fields()).extracting(Parameter::name).containsExactly("name", "value");
            });
        }
        ParameterType.NumberType limit =
                (ParameterType.NumberType) param("limit").type();
        assertThat(limit.minValue()).hasValue(1);
        assertThat(limit.maxValue()).hasValue(100);
        assertThat(param("limit").defaultValue()).isEqualTo(50);
        assertThat(param("binaryPropertyName").defaultValue()).isEqualTo("data");
    }

    @Test
    void everyShowRuleNamesAnExistingParameterAndValue() {
        List<String> problems = new ArrayList<>();
        check(d.parameters(), d.parameters(), "", problems);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyParameterButTheSelectorsDependsOnResourceAndOperation() {
        for (Parameter p : d.parameters()) {
            if (p.name().equals("resource") || p.name().equals("authentication")) {
                continue;
            }
            assertThat(p.displayOptions().show()).as(p.name()).containsKey("resource");
            if (!p.name().equals("operation")) {
                assertThat(p.displayOptions().show()).as(p.name()).containsKey("operation");
            }
        }
    }

    @Test
    void everyResourceAndOperationRuleNamesAnOperationOfThatResource() {
        // a rule resource=[a, b], operation=[x, y] must only allow pairs that exist (no "x of b" that is not)
        List<String> problems = new ArrayList<>();
        for (Parameter p : d.parameters()) {
            List<Object> rs = p.displayOptions().show().get("resource");
            List<Object> ops = p.displayOptions().show().get("operation");
            if (rs == null || ops == null) {
                continue;
            }
            for (Object r : rs) {
                List<Object> valid = optionValues(operationOf(String.valueOf(r)));
                for (Object op : ops) {
                    if (!valid.contains(op)) {
                        problems.add(p.name() + ": " + op + " is not an operation of " + r);
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyDynamicDropdownHasALoadMethod() {
        Set<String> methods = node.loadOptionsMethods().keySet();
        List<String> used = new ArrayList<>();
        collectMethods(d.parameters(), used);
        assertThat(methods).containsAll(used);
        assertThat(used)
                .contains(
                        "getDomains",
                        "getDomainServices",
                        "getServiceFields",
                        "getAllEntities",
                        "getCameraEntities",
                        "getAreas",
                        "getDevices");
    }

    @Test
    void credentialFieldsMatchN8n() {
        var description = new HomeAssistantApiCredentialType().description();
        assertThat(description.name()).isEqualTo("homeAssistantApi");
        assertThat(description.displayName()).isEqualTo("Home Assistant API");
        assertThat(description.fields())
                .extracting(Parameter::name)
                .containsExactly("host", "port", "ssl", "accessToken", "allowUnauthorizedCerts", "caCertificate");
        assertThat(description.secretFieldNames()).containsExactly("accessToken");
        assertThat(description.field("port").orElseThrow().defaultValue()).isEqualTo(8123);
        assertThat(description.field("ssl").orElseThrow().defaultValue()).isEqualTo(false);
        assertThat(description.field("host").orElseThrow().placeholder()).isEqualTo("homeassistant.local");
        assertThat(description
                        .field("allowUnauthorizedCerts")
                        .orElseThrow()
                        .displayOptions()
                        .show())
                .containsEntry("ssl", List.of(true));
        assertThat(description
                        .field("caCertificate")
                        .orElseThrow()
                        .displayOptions()
                        .show())
                .containsEntry("ssl", List.of(true));
    }

    // ------------------------------------------------------------------ helpers

    private Parameter param(String name) {
        return d.parameter(name).orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    /** The declaration of {@code name} shown for {@code resource} and {@code operation}. */
    private Parameter variant(String name, String resource, String operation) {
        return d.parameters().stream()
                .filter(p -> p.name().equals(name))
                .filter(p ->
                        p.displayOptions().isVisible(valuesOf(Map.of("resource", resource, "operation", operation))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " for " + resource + ":" + operation));
    }

    private Parameter operationOf(String resource) {
        return d.parameters().stream()
                .filter(p -> p.name().equals("operation"))
                .filter(p -> p.displayOptions().isVisible(valuesOf(Map.of("resource", resource))))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no operation for " + resource));
    }

    private List<Option> operationOptions(String resource) {
        return ((ParameterType.OptionsType) operationOf(resource).type()).options();
    }

    private static Function<String, Optional<Object>> valuesOf(Map<String, Object> values) {
        return key -> Optional.ofNullable(values.get(key.startsWith("/") ? key.substring(1) : key));
    }

    private static Map<String, List<String>> orderedMap(Object... keyValues) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> v = (List<String>) keyValues[i + 1];
            m.put((String) keyValues[i], v);
        }
        return m;
    }

    private static List<Object> optionValues(Parameter p) {
        return switch (p.type()) {
            case ParameterType.OptionsType o ->
                o.options().stream().map(Option::value).toList();
            case ParameterType.MultiOptionsType m ->
                m.options().stream().map(Option::value).toList();
            case ParameterType.BooleanType b -> List.of(true, false);
            default -> List.of();
        };
    }

    private static List<String> fieldNames(Parameter p) {
        return ((ParameterType.CollectionType) p.type())
                .fields().stream().map(Parameter::name).toList();
    }

    private static void check(List<Parameter> level, List<Parameter> root, String path, List<String> problems) {
        Set<String> names = new HashSet<>();
        for (Parameter p : level) {
            String where = path + p.name();
            if (!names.add(p.name()) && p.displayOptions().isAlways()) {
                problems.add(where + ": duplicate name without show/hide rules");
            }
            checkRules(p.displayOptions(), level, root, where, problems);
            switch (p.type()) {
                case ParameterType.CollectionType c -> check(c.fields(), root, where + ".", problems);
                case ParameterType.FixedCollectionType f -> {
                    for (FieldGroup g : f.groups()) {
                        check(g.fields(), root, where + "." + g.name() + ".", problems);
                    }
                }
                case ParameterType.OptionsType o
                when o.dynamicOptions().isEmpty() -> {
                    if (o.options().stream().noneMatch(x -> x.value().equals(p.defaultValue()))) {
                        problems.add(where + ": default " + p.defaultValue() + " is not an option");
                    }
                }
                default -> {}
            }
        }
    }

    private static void checkRules(
            DisplayOptions rules, List<Parameter> siblings, List<Parameter> root, String where, List<String> problems) {
        List<Map.Entry<String, List<Object>>> all = new ArrayList<>(rules.show().entrySet());
        all.addAll(rules.hide().entrySet());
        for (Map.Entry<String, List<Object>> rule : all) {
            String key = rule.getKey();
            if (key.startsWith("@")) { // the node's type version, not a parameter
                continue;
            }
            List<Parameter> scope = key.startsWith("/") ? root : siblings;
            String name = key.startsWith("/") ? key.substring(1) : key;
            // every declaration of the name (one "operation" per resource)
            List<Parameter> targets =
                    scope.stream().filter(x -> x.name().equals(name)).toList();
            if (targets.isEmpty()) {
                problems.add(where + ": rule on unknown parameter " + key);
                continue;
            }
            List<Object> allowed =
                    targets.stream().flatMap(t -> optionValues(t).stream()).toList();
            for (Object value : rule.getValue()) {
                if (!allowed.contains(value)) {
                    problems.add(where + ": rule " + key + "=" + value + " is not a value of " + name);
                }
            }
        }
    }

    private static void collectMethods(List<Parameter> params, List<String> out) {
        for (Parameter p : params) {
            switch (p.type()) {
                case ParameterType.OptionsType o ->
                    o.dynamicOptions().map(DynamicOptions::method).ifPresent(out::add);
                case ParameterType.MultiOptionsType m ->
                    m.dynamicOptions().map(DynamicOptions::method).ifPresent(out::add);
                case ParameterType.ResourceLocatorType r ->
                    r.modes().stream()
                            .map(LocatorMode::options)
                            .flatMap(Optional::stream)
                            .map(DynamicOptions::method)
                            .forEach(out::add);
                case ParameterType.CollectionType c -> collectMethods(c.fields(), out);
                case ParameterType.FixedCollectionType f -> f.groups().forEach(g -> collectMethods(g.fields(), out));
                default -> {}
            }
        }
    }
}
