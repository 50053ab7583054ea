package io.hearth.nodes.homeassistant;

import io.hearth.node.ActionNode;
import io.hearth.node.ItemLoop;
import io.hearth.node.LoadOptionsMethod;
import io.hearth.node.NodeApiException;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.description.NodeDescription;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import io.hearth.nodes.homeassistant.client.HomeAssistantClients;
import io.hearth.nodes.homeassistant.resource.CalendarResource;
import io.hearth.nodes.homeassistant.resource.CameraProxyResource;
import io.hearth.nodes.homeassistant.resource.ConfigResource;
import io.hearth.nodes.homeassistant.resource.EventResource;
import io.hearth.nodes.homeassistant.resource.HaOperation;
import io.hearth.nodes.homeassistant.resource.HaResource;
import io.hearth.nodes.homeassistant.resource.HistoryResource;
import io.hearth.nodes.homeassistant.resource.LogResource;
import io.hearth.nodes.homeassistant.resource.OperationInput;
import io.hearth.nodes.homeassistant.resource.RegistryResource;
import io.hearth.nodes.homeassistant.resource.ScriptResource;
import io.hearth.nodes.homeassistant.resource.ServiceResource;
import io.hearth.nodes.homeassistant.resource.StateResource;
import io.hearth.nodes.homeassistant.resource.TemplateResource;
import io.hearth.nodes.homeassistant.resource.TodoResource;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The Home Assistant node ({@code hearth.homeAssistant}, also registered as n8n's
 * {@code n8n-nodes-base.homeAssistant} so n8n workflows import unchanged): talks to one Home Assistant
 * through the "Home Assistant API" credential ({@code homeAssistantApi}).
 *
 * <h2>Resources and operations</h2>
 * n8n's parameter names and option values are kept; Hearth's additions are marked (+).
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>resource</th><th>operation</th><th>Home Assistant call</th><th>output</th></tr>
 *   <tr><td>cameraProxy</td><td>getScreenshot</td><td>GET /api/camera_proxy/&lt;cameraEntityId&gt;</td>
 *       <td>the input item with the image on binary {@code binaryPropertyName} (default {@code data}),
 *       mime type from HA, file name {@code <entity>.jpg}</td></tr>
 *   <tr><td>config</td><td>get / check</td><td>GET /api/config / POST /api/config/core/check_config</td><td>one item</td></tr>
 *   <tr><td>event</td><td>create</td><td>POST /api/events/&lt;eventType&gt;, data from {@code eventAttributes}
 *       or (+) {@code jsonData}</td><td>HA's message</td></tr>
 *   <tr><td>event</td><td>getAll</td><td>GET /api/events</td><td>one item per event type with listener count</td></tr>
 *   <tr><td>log</td><td>getErroLogs [sic]</td><td>GET /api/error_log</td><td>{@code {errorLog: text}}</td></tr>
 *   <tr><td>log</td><td>getLogbookEntries</td><td>GET /api/logbook/&lt;start&gt;?entity&amp;end_time</td><td>one item per entry</td></tr>
 *   <tr><td>service</td><td>call</td><td>POST /api/services/&lt;domain&gt;/&lt;service&gt;, or WebSocket
 *       {@code call_service} with {@code return_response} (+)</td>
 *       <td>changed states, or (+) {@code {service_response, context}}</td></tr>
 *   <tr><td>service</td><td>getAll</td><td>GET /api/services (+ one domain)</td><td>one item per domain</td></tr>
 *   <tr><td>state</td><td>get / getAll / upsert</td><td>GET /api/states[/id], POST /api/states/id</td><td>states</td></tr>
 *   <tr><td>template</td><td>create</td><td>POST /api/template</td><td>{@code {renderedTemplate: text}}</td></tr>
 *   <tr><td>history</td><td>getAll</td><td>GET /api/history/period/&lt;start&gt;?filter_entity_id...</td>
 *       <td>one item per state (flattened)</td></tr>
 * </table>
 *
 * <h2>Beyond n8n</h2>
 * <ul>
 *   <li>Service calls take typed data (numbers, booleans, lists, objects parsed from field values, or a JSON
 *       object), targets by entity/area/device/floor/label, and can return the service's response data
 *       ({@code returnResponse}: auto asks HA whether the service responds). An unknown service is named.</li>
 *   <li>State upsert merges with the existing attributes by default (n8n #36307 wiped them), never sends
 *       {@code attributes: {}}, rejects {@code __proto__}-style keys, can force an update.</li>
 *   <li>History is reachable (hidden in n8n) with the entity ids HA now requires, no-attributes option.</li>
 *   <li>Dropdowns for areas and devices (WebSocket registries) and service fields; entity lists filtered by
 *       the service's domain; labels {@code friendly_name (entity_id)}.</li>
 *   <li>Errors name the operation and map HA's answers: 401 token rejected, 403 not allowed, 404 unknown
 *       entity/camera/service, 400 with HA's message; refused connections, DNS, TLS and timeouts have their
 *       own messages (status 0). The token never appears in messages or logs.</li>
 *   <li>TLS: the credential can trust a custom CA (PEM) or ignore certificate problems.</li>
 * </ul>
 *
 * <h2>Execution</h2>
 * The SPI's {@link ItemLoop} runs each input item's call with parameters resolved for that item, one after
 * the other (in order, gentle on HA) without blocking a thread; output items are paired with their input
 * item, and with "continue on fail" a failing item yields {@code {error: message}} while the others go on.
 * {@code operation} is declared once per resource, as in n8n, so a workflow that omits it (n8n omits
 * defaults when saving) runs the resource's default operation.
 * One reactive client (pooled connections) is kept per credential, see {@link HomeAssistantClients}.
 * <p>
 * Each resource is one class ({@link StateResource}, {@link ServiceResource}, ...) holding its operations,
 * fields, dropdowns and parameter reading; {@link HomeAssistantDescription} assembles the description from
 * them and {@link HomeAssistantLoadOptions} turns their dropdowns into load-options methods.
 */
public final class HomeAssistantNode implements ActionNode {

    private static final List<HaResource> RESOURCES = List.of(
            CalendarResource.resource(),
            CameraProxyResource.resource(),
            ConfigResource.resource(),
            EventResource.resource(),
            HistoryResource.resource(),
            LogResource.resource(),
            RegistryResource.resource(),
            ServiceResource.resource(),
            ScriptResource.resource(),
            StateResource.resource(),
            TemplateResource.resource(),
            TodoResource.resource());

    private final Map<String, HaResource> resources;
    private final NodeDescription description;
    private final Function<CredentialData, HomeAssistantApi> apis;
    private final Map<String, LoadOptionsMethod> loadOptions;

    /** The node as loaded by {@link java.util.ServiceLoader}: one client cache for its lifetime. */
    public HomeAssistantNode() {
        this(new HomeAssistantClients());
    }

    HomeAssistantNode(HomeAssistantClients clients) {
        this(clients::forCredential);
    }

    /** With a custom way to reach HA (tests). */
    HomeAssistantNode(Function<CredentialData, HomeAssistantApi> apis) {
        Map<String, HaResource> byName = new LinkedHashMap<>();
        RESOURCES.forEach(r -> byName.put(r.value(), r));
        this.resources = java.util.Collections.unmodifiableMap(byName);
        this.description = HomeAssistantDescription.build(RESOURCES);
        this.apis = apis;
        this.loadOptions = HomeAssistantLoadOptions.methods(RESOURCES, apis);
    }

    @Override
    public NodeDescription description() {
        return description;
    }

    @Override
    public Map<String, LoadOptionsMethod> loadOptionsMethods() {
        return loadOptions;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        HomeAssistantApi api;
        try {
            api = apis.apply(HaCredentials.of(authentication(context), context::credential));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        ZoneId zone = context.workflow() == null || context.workflow().timezone() == null
                ? ZoneOffset.UTC
                : context.workflow().timezone();
        return ItemLoop.flatMapAsync(context, in -> {
            context.cancellation().throwIfCancelled();
            HaOperation operation = operation(in.parameters());
            return operation
                    .run(new OperationInput(api, in.parameters(), in.item(), in.index(), zone, context.now()))
                    .onErrorMap(HomeAssistantNode::asNodeException)
                    .toFuture();
        });
    }

    /** The node's {@code authentication} (read once: it is not an item's choice). */
    private static String authentication(NodeExecutionContext context) {
        return context.items().isEmpty() ? "" : context.parameters(0).string(HaCredentials.PARAMETER);
    }

    /**
     * The operation chosen by {@code resource} and {@code operation}. The runtime always resolves
     * {@code operation}: a workflow that leaves it out gets the default of the resource's own
     * {@code operation} parameter (see {@link HomeAssistantDescription}).
     */
    HaOperation operation(ParameterValues params) {
        String resourceName = params.string("resource");
        if (resourceName.isBlank()) {
            resourceName = "config"; // n8n's default resource
        }
        HaResource resource = resources.get(resourceName);
        if (resource == null) {
            throw new ParameterException(
                    "resource", "must be one of " + resources.keySet() + ", got '" + resourceName + "'");
        }
        String op = params.string("operation");
        return resource.operation(op)
                .orElseThrow(() -> new ParameterException(
                        "operation",
                        (op.isBlank() ? "is not set" : "'" + op + "' is not an operation of " + resource.displayName())
                                + "; use one of "
                                + resource.operations().stream()
                                        .map(HaOperation::value)
                                        .toList()
                                + " for resource '" + resource.value() + "'"));
    }

    private static NodeException asNodeException(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof NodeException ne) {
            return ne;
        }
        return new NodeApiException(
                "Home Assistant node failed: " + t.getClass().getSimpleName()
                        + (t.getMessage() == null ? "" : ": " + t.getMessage()),
                0,
                null,
                t);
    }
}
