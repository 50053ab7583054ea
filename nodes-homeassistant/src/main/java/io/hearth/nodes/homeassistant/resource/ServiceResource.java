package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.Item;
import io.hearth.node.LoadOptionsContext;
import io.hearth.node.NodeApiException;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import io.hearth.nodes.homeassistant.client.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Service: call a service (an "action") and list services.
 * <p>
 * Call: service data comes from name/value fields (values typed: {@code 255} a number, {@code [255,0,0]}
 * a list, {@code true} a boolean) or a JSON object ({@code dataMode=json}). Targets (entity, area,
 * device, floor, label ids) are sent as HA expects them. {@code returnResponse}:
 * <ul>
 *   <li>{@code never}: {@code POST /api/services/<domain>/<service>}; output = the changed states (n8n's
 *       behaviour; an empty list becomes one empty item);</li>
 *   <li>{@code always}: WebSocket {@code call_service} with {@code return_response: true} (supported by
 *       every HA since 2023.7, unlike REST's {@code ?return_response}, which arrived in 2024.8); output
 *       {@code {service_response, context}};</li>
 *   <li>{@code auto} (default): asks {@code GET /api/services} (cached briefly) whether the service can
 *       respond and picks one of the above.</li>
 * </ul>
 * HA 2024.x answers an unknown service with a bare "400: Bad Request"; the node then checks the service
 * list and says "unknown service 'x.y'".
 * <p>Kept in one file beyond 400 lines: one resource's operations, fields, dropdowns and value coercion live
 * together by design (issue 22; n8n's ServiceDescription.ts), like every other resource.
 */
public final class ServiceResource {

    private ServiceResource() {}

    public static HaResource resource() {
        return HaResource.builder("service", "Service")
                .operation("call", "Call", "Call a service within a specific domain", ServiceResource::call)
                .operation("getAll", "Get Many", "Get many services", ServiceResource::list)
                .defaultOperation("getAll")
                .field(
                        Parameter.dynamicOptions("domain", DynamicOptions.of("getDomains"))
                                .displayName("Domain")
                                .required(),
                        "call")
                .field(
                        Parameter.dynamicOptions("service", DynamicOptions.of("getDomainServices", "domain"))
                                .displayName("Service")
                                .required(),
                        "call")
                .field(
                        Parameter.collection(
                                        "target",
                                        "Add Target",
                                        Fields.ids("entityIds", "Entities", "getTargetEntities", "/domain")
                                                .description("Entity ids, e.g. light.kitchen")
                                                .build(),
                                        Fields.ids("areaIds", "Areas", "getAreas")
                                                .build(),
                                        Fields.ids("deviceIds", "Devices", "getDevices")
                                                .build(),
                                        Fields.ids("floorIds", "Floors", "getFloors")
                                                .description("Home Assistant 2024.4 or later")
                                                .build(),
                                        Fields.ids("labelIds", "Labels", "getLabels")
                                                .description("Home Assistant 2024.4 or later")
                                                .build())
                                .displayName("Target")
                                .description("What the service acts on; as an expression each field takes one id, "
                                        + "a comma-separated list or a JSON list"),
                        "call")
                .field(
                        Parameter.options(
                                        "unknownTargets",
                                        Option.of(
                                                "Fail the Item",
                                                "fail",
                                                "Refuse the call when a target id does not exist in Home Assistant"),
                                        Option.of(
                                                "Warn in the Item",
                                                "warn",
                                                "Call the service anyway and list the unknown ids in the output's "
                                                        + "'warnings'"))
                                .displayName("If a Target Does Not Exist")
                                .defaultValue("fail"),
                        "call")
                .field(Fields.dataMode(), "call")
                .field(
                        Fields.nameValues(
                                        "serviceAttributes",
                                        "Service Data",
                                        "Add Field",
                                        DynamicOptions.of("getServiceFields", "/domain", "/service"),
                                        "brightness")
                                .show("dataMode", "fields"),
                        "call")
                .field(Fields.jsonData("Service data as a JSON object").show("dataMode", "json"), "call")
                .field(
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
                        "call")
                .field(
                        Parameter.dynamicOptions("domainFilter", DynamicOptions.of("getDomains"))
                                .displayName("Domain")
                                .defaultValue("")
                                .description("Only this domain's services (empty: all)"),
                        "getAll")
                .field(Fields.returnAll(), "getAll")
                .field(Fields.limit(), "getAll")
                .dropdown("getDomains", (api, ctx) -> domains(api))
                .dropdown("getDomainServices", ServiceResource::domainServices)
                .dropdown("getServiceFields", ServiceResource::serviceFields)
                .dropdown("getTargetEntities", ServiceResource::targetEntities)
                .dropdown("getAreas", (api, ctx) -> Registries.options(api, Registries.Kind.AREA))
                .dropdown("getDevices", (api, ctx) -> Registries.options(api, Registries.Kind.DEVICE))
                .dropdown("getFloors", (api, ctx) -> Registries.options(api, Registries.Kind.FLOOR))
                .dropdown("getLabels", (api, ctx) -> Registries.options(api, Registries.Kind.LABEL))
                .build();
    }

    static final String DOMAIN_PATTERN = "[a-z0-9_]+";

    record ServiceName(String domain, String service) {
        String full() {
            return domain + "." + service;
        }
    }

    static ServiceName serviceName(ParameterValues params) {
        String domain = Values.required(params, "domain");
        String service = Values.required(params, "service");
        // a service chosen as "light.turn_on" in an expression
        if (service.startsWith(domain + ".")) {
            service = service.substring(domain.length() + 1);
        }
        if (!domain.matches(DOMAIN_PATTERN)) {
            throw new ParameterException(
                    "domain", "must be a domain like 'light' (lower case, digits, '_'): '" + domain + "'");
        }
        if (!service.matches(DOMAIN_PATTERN)) {
            throw new ParameterException(
                    "service", "must be a service like 'turn_on' (lower case, digits, '_'): '" + service + "'");
        }
        return new ServiceName(domain, service);
    }

    static Map<String, Object> serviceData(ParameterValues params) {
        return EventResource.data(params, "serviceAttributes");
    }

    /** The REST call: service data with the targets merged in (lists joined with ids already in the data). */
    static HaRequest callRequest(ParameterValues params) {
        ServiceName name = serviceName(params);
        Map<String, Object> body = new LinkedHashMap<>(serviceData(params));
        Targets.read(params).forEach((key, ids) -> body.merge(key, ids, ServiceResource::joinIds));
        return HaRequest.post(
                        "Call service '" + name.full() + "'",
                        "/api/services/" + HaRequest.segment(name.domain()) + "/" + HaRequest.segment(name.service()),
                        body)
                .about("service '" + name.full() + "'");
    }

    /** The WebSocket {@code call_service} command that returns the service's response. */
    static Map<String, Object> callWithResponseCommand(ParameterValues params) {
        ServiceName name = serviceName(params);
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("type", "call_service");
        command.put("domain", name.domain());
        command.put("service", name.service());
        command.put("service_data", serviceData(params));
        Map<String, List<String>> target = Targets.read(params);
        if (!target.isEmpty()) {
            command.put("target", target);
        }
        command.put("return_response", true);
        return command;
    }

    private static Object joinIds(Object existing, Object added) {
        List<Object> out = new ArrayList<>();
        for (Object o : List.of(existing, added)) {
            if (o instanceof List<?> l) {
                l.forEach(v -> {
                    if (!out.contains(v)) {
                        out.add(v);
                    }
                });
            } else if (o != null && !out.contains(o)) {
                out.add(o);
            }
        }
        return out;
    }

    static String returnResponseMode(ParameterValues params) {
        String mode = params.string("returnResponse");
        return switch (mode) {
            case "", "auto" -> "auto";
            case "always", "never" -> mode;
            default ->
                throw new ParameterException("returnResponse", "must be auto, always or never, got '" + mode + "'");
        };
    }

    /** The description of one service in {@code GET /api/services}' answer. */
    static Optional<Map<String, Object>> describe(Object services, String domain, String service) {
        return Optional.ofNullable(servicesOf(services, domain).get(service)).map(Json::asObject);
    }

    static boolean supportsResponse(Map<String, Object> description) {
        return description.get("response") instanceof Map<?, ?>;
    }

    /**
     * Checks the targets (unknown ids fail the item or become warnings), decides with the service's
     * description whether to ask for its response, calls it and explains Home Assistant's refusals.
     */
    private static Mono<List<Item>> call(OperationInput in) {
        ServiceName name = serviceName(in.params());
        String mode = returnResponseMode(in.params());
        boolean warnOnly = Targets.warnOnly(in.params());
        Map<String, List<String>> target = Targets.read(in.params());
        Mono<List<String>> unknown = target.isEmpty() ? Mono.just(List.of()) : Targets.unknown(in.api(), target);
        return unknown.flatMap(missing -> {
            if (!missing.isEmpty() && !warnOnly) {
                return Mono.error(Targets.unknownError("Call service '" + name.full() + "'", missing));
            }
            return withResponse(in, name, mode)
                    .flatMap(respond -> respond ? callWithResponse(in, name) : callRest(in, name))
                    .onErrorResume(
                            NodeApiException.class,
                            e -> Targets.explainUnsupported(in.api(), e, "Call service '" + name.full() + "'", target)
                                    .flatMap(Mono::error))
                    .map(items -> missing.isEmpty() ? items : withWarnings(items, missing));
        });
    }

    /**
     * Whether to ask for the response: {@code auto} when the service can give one; {@code always} and
     * {@code never} as set, refused with a plain message when the service's description disagrees (Home
     * Assistant's own answer is a bare 400 or 500). Unknown services go ahead (the call names them).
     */
    static Mono<Boolean> withResponse(OperationInput in, ServiceName name, String mode) {
        return in.api()
                .services()
                .map(s -> describe(s, name.domain(), name.service()))
                .onErrorResume(e -> Mono.just(Optional.empty()))
                .map(description -> {
                    boolean can =
                            description.map(ServiceResource::supportsResponse).orElse(false);
                    boolean only =
                            description.map(ServiceResource::onlyResponds).orElse(false);
                    return switch (mode) {
                        case "always" -> {
                            if (description.isPresent() && !can) {
                                throw new ParameterException(
                                        "returnResponse",
                                        "is 'Always', but service '" + name.full()
                                                + "' returns no data: set Return Response to Auto or Never");
                            }
                            yield true;
                        }
                        case "never" -> {
                            if (only) {
                                throw new ParameterException(
                                        "returnResponse",
                                        "is 'Never', but service '" + name.full()
                                                + "' only returns data: set Return Response to Auto");
                            }
                            yield false;
                        }
                        default -> can;
                    };
                });
    }

    /** A service that must be asked for its response ({@code response: {optional: false}}). */
    static boolean onlyResponds(Map<String, Object> description) {
        return description.get("response") instanceof Map<?, ?> r && Boolean.FALSE.equals(r.get("optional"));
    }

    private static List<Item> withWarnings(List<Item> items, List<String> unknown) {
        String warning = Targets.describe(unknown) + "; the service was called with the other targets";
        return items.stream()
                .map(i -> {
                    Map<String, Object> json = new LinkedHashMap<>(i.json());
                    json.put("warnings", List.of(warning));
                    return i.withJson(json);
                })
                .toList();
    }

    private static Mono<List<Item>> callRest(OperationInput in, ServiceName name) {
        HaRequest request = callRequest(in.params());
        return in.api()
                .send(request)
                .map(HaResponse::json)
                .map(j -> {
                    List<Object> changed = Json.asList(j);
                    return changed.isEmpty() ? List.of(Item.of(Map.of())) : Results.items(changed, "state");
                })
                .onErrorResume(
                        e -> e instanceof NodeApiException api
                                && api.httpStatus().orElse(0) == 400,
                        e -> explainUnknownService(in.api(), request.operation(), name, (NodeApiException) e));
    }

    private static Mono<List<Item>> callWithResponse(OperationInput in, ServiceName name) {
        String operation = "Call service '" + name.full() + "' (with response)";
        return in.api()
                .command(operation, callWithResponseCommand(in.params()))
                .map(result -> {
                    Map<String, Object> r = Json.asObject(result);
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("service_response", r.get("response"));
                    out.put("context", r.get("context"));
                    return List.of(Item.of(out));
                })
                .switchIfEmpty(Mono.fromSupplier(() -> List.of(Item.of(Results.wrap("service_response", null)))))
                .onErrorResume(
                        e -> e instanceof NodeApiException api
                                && (api.httpStatus().orElse(0) == 400
                                        || api.httpStatus().orElse(0) == 404),
                        e -> explainUnknownService(in.api(), operation, name, (NodeApiException) e));
    }

    /** HA 2024.x says only "400: Bad Request" for an unknown service: name it when the service list lacks it. */
    private static <T> Mono<T> explainUnknownService(
            HomeAssistantApi api, String operation, ServiceName name, NodeApiException original) {
        return api.services()
                .onErrorResume(e -> Mono.empty())
                .flatMap(services -> {
                    if (describe(services, name.domain(), name.service()).isPresent()) {
                        return Mono.<T>error(original);
                    }
                    return Mono.<T>error(new NodeApiException(
                            operation + " failed: unknown service '" + name.full() + "' ("
                                    + original.httpStatus().orElse(400) + ")",
                            original.httpStatus().orElse(400),
                            "Home Assistant has no service '" + name.full()
                                    + "'. Pick one from the list, or check that "
                                    + "the integration providing it is loaded.",
                            original));
                })
                .switchIfEmpty(Mono.error(original));
    }

    static HaRequest listRequest() {
        return HaRequest.get("List services", "/api/services");
    }

    private static Mono<List<Item>> list(OperationInput in) {
        String domain = Json.asString(
                        Values.unwrapLocator(in.params().get("domainFilter").orElse(null)))
                .strip();
        return in.api().send(listRequest()).map(HaResponse::json).map(j -> {
            List<Object> all = Json.asList(j);
            if (!domain.isEmpty()) {
                all = all.stream()
                        .filter(d -> domain.equals(Json.asObject(d).get("domain")))
                        .toList();
            }
            return Results.items(Results.limit(all, in.params()), "service");
        });
    }

    // ------------------------------------------------------------------ dropdowns

    private static Mono<List<Option>> domains(HomeAssistantApi api) {
        return api.services()
                .map(services -> Json.asList(services).stream()
                        .map(d -> Json.asString(Json.asObject(d).get("domain")))
                        .filter(d -> !d.isEmpty())
                        .sorted()
                        .map(d -> Option.of(d, d))
                        .toList());
    }

    private static Mono<List<Option>> domainServices(HomeAssistantApi api, LoadOptionsContext ctx) {
        String domain = Dropdown.current(ctx, "domain");
        if (domain.isEmpty()) {
            return Mono.just(List.of());
        }
        return api.services().map(services -> {
            List<Option> out = new ArrayList<>();
            servicesOf(services, domain).forEach((id, d) -> {
                Map<String, Object> desc = Json.asObject(d);
                out.add(Option.of(
                        Dropdown.label(Json.asString(desc.get("name")), id),
                        id,
                        Json.asString(desc.get("description"))));
            });
            return Dropdown.sorted(out);
        });
    }

    private static Mono<List<Option>> serviceFields(HomeAssistantApi api, LoadOptionsContext ctx) {
        String domain = Dropdown.current(ctx, "domain");
        String service = Dropdown.current(ctx, "service");
        if (domain.isEmpty() || service.isEmpty()) {
            return Mono.just(List.of());
        }
        return api.services().map(services -> {
            Map<String, Object> desc =
                    Json.asObject(servicesOf(services, domain).get(service));
            List<Option> out = new ArrayList<>();
            Json.asObject(desc.get("fields")).forEach((key, f) -> {
                Map<String, Object> field = Json.asObject(f);
                if (field.containsKey("fields")) { // a section of fields (advanced fields)
                    Json.asObject(field.get("fields")).forEach((k2, f2) -> out.add(fieldOption(k2, Json.asObject(f2))));
                } else {
                    out.add(fieldOption(key, field));
                }
            });
            if (desc.containsKey("target") && out.stream().noneMatch(o -> "entity_id".equals(o.value()))) {
                out.add(Option.of("Entity ID (entity_id)", "entity_id", "The entities to act on"));
            }
            return out;
        });
    }

    private static Option fieldOption(String key, Map<String, Object> field) {
        String description = Json.asString(field.get("description"));
        if (Boolean.TRUE.equals(field.get("required"))) {
            description = "Required. " + description;
        }
        return Option.of(Dropdown.label(Json.asString(field.get("name")), key), key, description);
    }

    private static Map<String, Object> servicesOf(Object services, String domain) {
        for (Object d : Json.asList(services)) {
            Map<String, Object> entry = Json.asObject(d);
            if (domain.equals(entry.get("domain"))) {
                return Json.asObject(entry.get("services"));
            }
        }
        return Map.of();
    }

    /** Entities of the chosen domain (all entities when it has none, e.g. {@code homeassistant}). */
    private static Mono<List<Option>> targetEntities(HomeAssistantApi api, LoadOptionsContext ctx) {
        String domain = Dropdown.current(ctx, "domain");
        return StateResource.entities(api, id -> true).map(all -> {
            if (domain.isEmpty()) {
                return all;
            }
            List<Option> ofDomain = all.stream()
                    .filter(o -> String.valueOf(o.value()).startsWith(domain + "."))
                    .toList();
            return ofDomain.isEmpty() ? all : ofDomain;
        });
    }
}
