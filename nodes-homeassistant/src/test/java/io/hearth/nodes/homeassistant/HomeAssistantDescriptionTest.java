package io.hearth.nodes.homeassistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.NodeType;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
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
        assertThat(d.versions()).containsExactly(1.0);
        assertThat(d.group()).isEqualTo(NodeGroup.ACTION);
        assertThat(d.categories()).containsExactly("Home Assistant");
        assertThat(d.icon()).isEqualTo("file:homeassistant.svg");
        assertThat(getClass().getClassLoader().getResource("homeassistant.svg")).isNotNull();
        assertThat(d.credentials()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("homeAssistantApi");
            assertThat(c.required()).isTrue();
        });
    }

    @Test
    void isFoundByServiceLoader() {
        assertThat(ServiceLoader.load(NodeType.class).stream().map(ServiceLoader.Provider::type))
                .contains(HomeAssistantNode.class);
        assertThat(ServiceLoader.load(CredentialType.class).stream().map(ServiceLoader.Provider::type))
                .contains(HomeAssistantApiCredentialType.class);
    }

    @Test
    void keepsN8nResourceAndOperationValues() {
        assertThat(optionValues(param("resource")))
                .containsExactlyInAnyOrder("cameraProxy", "config", "event", "log", "service", "state", "template", "history");
        assertThat(param("resource").defaultValue()).isEqualTo("config");
        assertThat(optionValues(param("operation"))).containsExactlyInAnyOrder("getScreenshot", "get", "check", "create",
                "getAll", "getErroLogs", "getLogbookEntries", "call", "upsert");
        Map<String, List<String>> expected = Map.of(
                "cameraProxy", List.of("getScreenshot"), "config", List.of("get", "check"),
                "event", List.of("getAll", "create"), "log", List.of("getErroLogs", "getLogbookEntries"),
                "service", List.of("getAll", "call"), "state", List.of("get", "getAll", "upsert"),
                "template", List.of("create"), "history", List.of("getAll"));
        expected.forEach((resource, ops) -> {
            var operation = node.operation(io.hearth.node.ParameterValues.of(Map.of("resource", resource)));
            assertThat(operation.value()).as("default operation of " + resource).isEqualTo(ops.getFirst());
            for (String op : ops) {
                assertThat(node.operation(io.hearth.node.ParameterValues.of(Map.of("resource", resource, "operation", op))).value())
                        .isEqualTo(op);
            }
        });
    }

    @Test
    void keepsN8nParameterNames() {
        List<String> names = d.parameters().stream().map(Parameter::name).toList();
        assertThat(names).contains("cameraEntityId", "binaryPropertyName", "eventType", "eventAttributes", "domain",
                "service", "serviceAttributes", "entityId", "state", "stateAttributes", "template", "returnAll", "limit",
                "additionalFields");
        assertThat(fieldNames(param("additionalFields"))).contains("startTime", "endTime", "entityId", "entityIds",
                "minimalResponse", "significantChangesOnly");
        for (String fc : List.of("eventAttributes", "serviceAttributes", "stateAttributes")) {
            ParameterType.FixedCollectionType type = (ParameterType.FixedCollectionType) param(fc).type();
            assertThat(type.groups()).singleElement().satisfies(g -> {
                assertThat(g.name()).isEqualTo("attributes");
                assertThat(g.fields()).extracting(Parameter::name).containsExactly("name", "value");
            });
        }
        ParameterType.NumberType limit = (ParameterType.NumberType) param("limit").type();
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
    void everyParameterButTheSelectorsDependsOnTheResource() {
        for (Parameter p : d.parameters()) {
            if (p.name().equals("resource") || p.name().equals("operation")) {
                continue;
            }
            assertThat(p.displayOptions().show()).as(p.name()).containsKey("resource");
        }
    }

    @Test
    void everyDynamicDropdownHasALoadMethod() {
        Set<String> methods = node.loadOptionsMethods().keySet();
        List<String> used = new ArrayList<>();
        collectMethods(d.parameters(), used);
        assertThat(methods).containsAll(used);
        assertThat(used).contains("getDomains", "getDomainServices", "getServiceFields", "getAllEntities",
                "getCameraEntities", "getAreas", "getDevices");
    }

    @Test
    void credentialFieldsMatchN8n() {
        var description = new HomeAssistantApiCredentialType().description();
        assertThat(description.name()).isEqualTo("homeAssistantApi");
        assertThat(description.displayName()).isEqualTo("Home Assistant API");
        assertThat(description.fields()).extracting(Parameter::name)
                .containsExactly("host", "port", "ssl", "accessToken", "allowUnauthorizedCerts", "caCertificate");
        assertThat(description.secretFieldNames()).containsExactly("accessToken");
        assertThat(description.field("port").orElseThrow().defaultValue()).isEqualTo(8123);
        assertThat(description.field("ssl").orElseThrow().defaultValue()).isEqualTo(false);
        assertThat(description.field("host").orElseThrow().placeholder()).isEqualTo("homeassistant.local");
        assertThat(description.field("allowUnauthorizedCerts").orElseThrow().displayOptions().show())
                .containsEntry("ssl", List.of(true));
        assertThat(description.field("caCertificate").orElseThrow().displayOptions().show())
                .containsEntry("ssl", List.of(true));
    }

    // ------------------------------------------------------------------ helpers

    private Parameter param(String name) {
        return d.parameter(name).orElseThrow(() -> new AssertionError("no parameter " + name));
    }

    private static List<Object> optionValues(Parameter p) {
        return switch (p.type()) {
            case ParameterType.OptionsType o -> o.options().stream().map(Option::value).toList();
            case ParameterType.MultiOptionsType m -> m.options().stream().map(Option::value).toList();
            case ParameterType.BooleanType b -> List.of(true, false);
            default -> List.of();
        };
    }

    private static List<String> fieldNames(Parameter p) {
        return ((ParameterType.CollectionType) p.type()).fields().stream().map(Parameter::name).toList();
    }

    private static void check(List<Parameter> level, List<Parameter> root, String path, List<String> problems) {
        Set<String> names = new HashSet<>();
        for (Parameter p : level) {
            String where = path + p.name();
            if (!names.add(p.name())) {
                problems.add(where + ": duplicate name");
            }
            checkRules(p.displayOptions(), level, root, where, problems);
            switch (p.type()) {
                case ParameterType.CollectionType c -> check(c.fields(), root, where + ".", problems);
                case ParameterType.FixedCollectionType f -> {
                    for (FieldGroup g : f.groups()) {
                        check(g.fields(), root, where + "." + g.name() + ".", problems);
                    }
                }
                case ParameterType.OptionsType o when o.dynamicOptions().isEmpty() -> {
                    if (!"".equals(p.defaultValue()) && o.options().stream().noneMatch(x -> x.value().equals(p.defaultValue()))) {
                        problems.add(where + ": default " + p.defaultValue() + " is not an option");
                    }
                }
                default -> {
                }
            }
        }
    }

    private static void checkRules(DisplayOptions rules, List<Parameter> siblings, List<Parameter> root, String where,
                                   List<String> problems) {
        List<Map.Entry<String, List<Object>>> all = new ArrayList<>(rules.show().entrySet());
        all.addAll(rules.hide().entrySet());
        for (Map.Entry<String, List<Object>> rule : all) {
            String key = rule.getKey();
            List<Parameter> scope = key.startsWith("/") ? root : siblings;
            String name = key.startsWith("/") ? key.substring(1) : key;
            Optional<Parameter> target = scope.stream().filter(x -> x.name().equals(name)).findFirst();
            if (target.isEmpty()) {
                problems.add(where + ": rule on unknown parameter " + key);
                continue;
            }
            List<Object> allowed = new ArrayList<>(optionValues(target.get()));
            if (name.equals("operation")) {
                allowed.add(HomeAssistantDescription.DEFAULT_OPERATION);
            }
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
                case ParameterType.OptionsType o -> o.dynamicOptions().map(DynamicOptions::method).ifPresent(out::add);
                case ParameterType.MultiOptionsType m -> m.dynamicOptions().map(DynamicOptions::method).ifPresent(out::add);
                case ParameterType.ResourceLocatorType r -> r.modes().stream().map(LocatorMode::options)
                        .flatMap(Optional::stream).map(DynamicOptions::method).forEach(out::add);
                case ParameterType.CollectionType c -> collectMethods(c.fields(), out);
                case ParameterType.FixedCollectionType f -> f.groups().forEach(g -> collectMethods(g.fields(), out));
                default -> {
                }
            }
        }
    }
}
