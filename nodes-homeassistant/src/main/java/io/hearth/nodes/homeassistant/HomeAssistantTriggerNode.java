package io.hearth.nodes.homeassistant;

import io.hearth.node.LoadOptionsMethod;
import io.hearth.node.NodeApiException;
import io.hearth.node.NodeException;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.trigger.TriggerContext;
import io.hearth.node.trigger.TriggerHandle;
import io.hearth.node.trigger.TriggerNode;
import io.hearth.node.trigger.TriggerStatus;
import io.hearth.nodes.homeassistant.client.HaAuth;
import io.hearth.nodes.homeassistant.client.HaConnectionSettings;
import io.hearth.nodes.homeassistant.client.HomeAssistantClients;
import io.hearth.nodes.homeassistant.client.HostAddress;
import io.hearth.nodes.homeassistant.resource.StateResource;
import io.hearth.nodes.homeassistant.trigger.ActiveTrigger;
import io.hearth.nodes.homeassistant.trigger.HaEventConnections;
import io.hearth.nodes.homeassistant.trigger.SubscriptionListener;
import io.hearth.nodes.homeassistant.trigger.TriggerSpec;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The Home Assistant Trigger node ({@code hearth.homeAssistantTrigger}): starts workflows from Home
 * Assistant over its WebSocket API, in one of three modes (parameter {@code event}):
 * <ul>
 *   <li>{@code stateChanged}: {@code subscribe_events state_changed}, filtered here by entity, from/to,
 *       attribute, unavailable/unknown, with an optional "for" hold and changes missed while disconnected;</li>
 *   <li>{@code event}: {@code subscribe_events} of one type (or all), filtered by event data;</li>
 *   <li>{@code trigger}: a raw HA trigger (YAML/JSON) via {@code subscribe_trigger} (admin only in HA).</li>
 * </ul>
 * Every active trigger on the same credential shares one WebSocket ({@link HaEventConnections}), which
 * pings, reconnects with backoff and resubscribes; statuses reach the editor through
 * {@link TriggerContext#reportStatus}. Activation completes once Home Assistant confirmed the
 * subscription, or fails with the reason (token rejected: {@code auth_invalid}, not an administrator,
 * invalid trigger config, unreachable host).
 */
public final class HomeAssistantTriggerNode implements TriggerNode {

    private final NodeDescription description = HomeAssistantTriggerDescription.build();
    private final HaEventConnections connections;
    private final Scheduler scheduler;
    private final Map<String, LoadOptionsMethod> loadOptions;

    /** The node as loaded by {@link java.util.ServiceLoader}. */
    public HomeAssistantTriggerNode() {
        this(new HaEventConnections(), new HomeAssistantClients(), Schedulers.parallel());
    }

    /** With given connections (tests, benchmarks). */
    public HomeAssistantTriggerNode(HaEventConnections connections) {
        this(connections, new HomeAssistantClients(), Schedulers.parallel());
    }

    HomeAssistantTriggerNode(HaEventConnections connections, HomeAssistantClients clients, Scheduler scheduler) {
        this.connections = connections;
        this.scheduler = scheduler;
        this.loadOptions = Map.of(
                StateResource.ENTITIES,
                HomeAssistantLoadOptions.method(
                        StateResource.resource().dropdowns().get(StateResource.ENTITIES), clients::forCredential));
    }

    @Override
    public NodeDescription description() {
        return description;
    }

    @Override
    public Map<String, LoadOptionsMethod> loadOptionsMethods() {
        return loadOptions;
    }

    public HaEventConnections connections() {
        return connections;
    }

    @Override
    public CompletionStage<TriggerHandle> activate(TriggerContext context) {
        HaConnectionSettings settings;
        TriggerSpec spec;
        try {
            CredentialData credential =
                    HaCredentials.of(context.parameters().string(HaCredentials.PARAMETER), context::credential);
            settings = HaConnectionSettings.fromCredential(credential);
            HostAddress address = new HostAddress(settings.host(), settings.port(), settings.ssl());
            address.hostProblem().or(address::portProblem).ifPresent(problem -> {
                throw new NodeException("The Home Assistant credential's host or port " + problem);
            });
            if (settings.auth() instanceof HaAuth.LongLivedToken t && t.token().isEmpty()) {
                throw new NodeException("The Home Assistant credential has no access token");
            }
            spec = TriggerSpec.parse(context.parameters());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(asNodeException(e));
        }
        context.reportStatus(TriggerStatus.of(
                TriggerStatus.State.CONNECTING, "Connecting to Home Assistant at " + settings.hostAndPort()));
        ActiveTrigger trigger = new ActiveTrigger(context, spec, scheduler);
        SubscriptionListener.Registration registration =
                connections.register(settings, spec.subscribeCommand(), trigger);
        trigger.attach(registration);
        return registration.ready().handle((ok, error) -> {
            if (error != null) {
                trigger.abandon();
                throw new CompletionException(asNodeException(error));
            }
            return trigger;
        });
    }

    private static NodeException asNodeException(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof NodeException ne) {
            return ne;
        }
        return new NodeApiException(
                "Home Assistant Trigger failed: " + t.getClass().getSimpleName()
                        + (t.getMessage() == null ? "" : ": " + t.getMessage()),
                0,
                null,
                t);
    }
}
