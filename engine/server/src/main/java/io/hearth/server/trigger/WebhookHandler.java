package io.hearth.server.trigger;

import io.hearth.common.SecretRedactor;
import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.NodeInfo;
import io.hearth.node.NodeLogger;
import io.hearth.node.ParameterValues;
import io.hearth.node.WorkflowInfo;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.trigger.WebhookContext;
import io.hearth.node.trigger.WebhookReceipt;
import io.hearth.node.trigger.WebhookRequest;
import io.hearth.node.trigger.WebhookSpec;
import io.hearth.runtime.execution.CredentialProvider;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.runtime.execution.RedactingNodeLogger;
import io.hearth.runtime.nodes.WebhookTriggerNode;
import io.hearth.server.auth.AuthThrottle;
import io.hearth.server.execution.ExecutionLauncher;
import io.hearth.server.execution.ExecutionService;
import io.hearth.server.execution.StartRequest;
import io.hearth.server.execution.StartedExecution;
import java.net.InetSocketAddress;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves {@code /webhook/<path>} (active workflows) and {@code /webhook-test/<path>} (the editor's
 * test listener): reads the request (its body through {@link WebhookBodies}), lets the webhook node accept or reject it, starts the
 * execution and answers per the node's response mode.
 * <ul>
 * <li>Immediately: the execution row (with the request) is durable before the answer is sent.</li>
 * <li>When the last node finishes: the answer carries its output, after the record is durable.</li>
 * <li>Via Respond to Webhook: the node's response, sent once the record is durable.</li>
 * </ul>
 */
public final class WebhookHandler {

    private final WebhookRegistry registry;
    private final TestWebhooks tests;
    private final ExecutionService executions;
    private final ExecutionLauncher launcher;
    private final CredentialProvider credentials;
    private final WebhookBodies bodies;
    private final ZoneId defaultZone;
    private final AuthThrottle throttle;

    public WebhookHandler(
            WebhookRegistry registry,
            TestWebhooks tests,
            ExecutionService executions,
            ExecutionLauncher launcher,
            CredentialProvider credentials,
            int maxBodyBytes,
            ZoneId defaultZone,
            AuthThrottle throttle) {
        this.registry = registry;
        this.tests = tests;
        this.executions = executions;
        this.launcher = launcher;
        this.credentials = credentials;
        this.bodies = new WebhookBodies(maxBodyBytes);
        this.defaultZone = defaultZone;
        this.throttle = throttle;
    }

    public Mono<ServerResponse> production(ServerRequest request) {
        return handle(request, "/webhook/", false);
    }

    public Mono<ServerResponse> test(ServerRequest request) {
        return handle(request, "/webhook-test/", true);
    }

    private Mono<ServerResponse> handle(ServerRequest request, String prefix, boolean test) {
        String raw = request.path();
        String path =
                WebhookTriggerNode.normalizePath(raw.length() > prefix.length() ? raw.substring(prefix.length()) : "");
        String method = request.method().name().toUpperCase(Locale.ROOT);
        Optional<WebhookRegistry.Match> match = test ? tests.take(method, path) : registry.find(method, path);
        if (match.isEmpty() && method.equals("HEAD")) {
            match = test ? tests.take("GET", path) : registry.find("GET", path);
        }
        if (match.isEmpty()) {
            return notRegistered(method, path, test);
        }
        WebhookRegistry.Match m = match.get();
        return bodies.read(request)
                .flatMap(body -> receive(request, m, body, test))
                .onErrorResume(
                        WebhookBodies.BadBody.class,
                        e -> WebhookAnswers.json(HttpStatus.valueOf(e.status()), Map.of("message", e.getMessage())));
    }

    private Mono<ServerResponse> notRegistered(String method, String path, boolean test) {
        String message;
        if (test) {
            message = "The requested test webhook \"" + method + " " + path
                    + "\" is not registered. Click \"Listen for test event\" "
                    + "in the editor first; the listener answers one call.";
        } else {
            List<String> others = registry.methodsOn(path);
            message = others.isEmpty()
                    ? "The requested webhook \"" + method + " " + path + "\" is not registered."
                    : "This webhook is not registered for " + method + " requests. Did you mean to make a "
                            + String.join(" or ", others) + " request?";
        }
        return WebhookAnswers.json(HttpStatus.NOT_FOUND, Map.of("message", message));
    }

    private Mono<ServerResponse> receive(
            ServerRequest request, WebhookRegistry.Match match, WebhookRequest.Body body, boolean test) {
        WebhookRegistration r = match.registration();
        PreparedNode node = r.prepared().node(r.nodeName()).orElseThrow();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        request.headers().asHttpHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
        Map<String, List<String>> query = new LinkedHashMap<>(request.queryParams());
        Optional<String> remote =
                request.remoteAddress().map(InetSocketAddress::getAddress).map(a -> a.getHostAddress());
        WebhookRequest webhookRequest = new WebhookRequest(
                request.method().name(), r.spec().path(), headers, query, match.pathParams(), body, remote);
        Context ctx = new Context(webhookRequest, r, node);
        String address = remote.orElse("unknown");
        return Mono.fromCompletionStage(() -> r.node().receive(ctx)).flatMap(receipt -> {
            boolean authenticates = !ctx.checkedWith().isEmpty();
            // A caller that failed too often gets 429 whatever it sent: a right guess is not told from a wrong one.
            Optional<java.time.Duration> wait =
                    authenticates ? throttle.waitFor(AuthThrottle.Kind.WEBHOOK_ADDRESS, address) : Optional.empty();
            if (wait.isPresent()) {
                long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                return ServerResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                        .header("Retry-After", String.valueOf(seconds))
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of(
                                "message", "Too many failed authentication attempts; try again in " + seconds + " s"));
            }
            return switch (receipt) {
                case WebhookReceipt.Rejected rej -> {
                    if (authenticates && (rej.status() == 401 || rej.status() == 403)) {
                        throttle.failed(AuthThrottle.Kind.WEBHOOK_ADDRESS, address);
                    }
                    var builder = ServerResponse.status(rej.status());
                    rej.headers().forEach(builder::header);
                    yield builder.contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("message", rej.message()));
                }
                case WebhookReceipt.Accepted acc -> {
                    if (authenticates) {
                        throttle.succeeded(AuthThrottle.Kind.WEBHOOK_ADDRESS, address);
                    }
                    yield run(r, acc.items(), test, WebhookRequestSecrets.of(headers, ctx.checkedWith()));
                }
            };
        });
    }

    private Mono<ServerResponse> run(WebhookRegistration r, List<Item> items, boolean test, Set<String> secrets) {
        WebhookSpec spec = r.spec();
        ExecutionMode mode = test ? ExecutionMode.MANUAL : ExecutionMode.WEBHOOK;
        StartRequest base = StartRequest.builder(r.workflowId(), r.versionId(), r.prepared(), mode)
                .start(Optional.of(r.nodeName()), items)
                .persistStartFirst(false)
                .secrets(secrets)
                .build();
        return switch (spec.responseMode()) {
            case ON_RECEIVED -> {
                if (test) {
                    StartedExecution started = executions.start(
                            base.toBuilder().persistStartFirst(true).build());
                    noteTest(r, true, started);
                    yield Mono.fromFuture(started.started()).then(Mono.defer(() -> WebhookAnswers.received(spec)));
                }
                // Durable (recorded, or queued for a worker) before the caller hears "received"; a caller that goes
                // away before the answer cancels nothing (suppressCancel): the launch completes all the same.
                yield Mono.fromFuture(launcher.launch(base), true)
                        .then(Mono.defer(() -> WebhookAnswers.received(spec)));
            }
            case LAST_NODE -> {
                StartedExecution started = executions.start(base);
                noteTest(r, test, started);
                yield Mono.fromFuture(started.finished()).flatMap(result -> WebhookAnswers.lastNode(spec, result));
            }
            case RESPOND_NODE -> {
                WebhookAnswers.Responder responder = new WebhookAnswers.Responder();
                StartedExecution started = executions.start(base.withResponder(responder, false));
                noteTest(r, test, started);
                yield WebhookAnswers.respondNode(responder, started);
            }
        };
    }

    private void noteTest(WebhookRegistration r, boolean test, StartedExecution started) {
        if (test) {
            tests.started(r.workflowId(), started.id());
        }
    }

    private final class Context implements WebhookContext {
        private final WebhookRequest request;
        private final WebhookRegistration registration;
        private final PreparedNode node;
        private final List<CredentialData> checkedWith = new java.util.concurrent.CopyOnWriteArrayList<>();
        private volatile SecretRedactor redactor;

        Context(WebhookRequest request, WebhookRegistration registration, PreparedNode node) {
            this.request = request;
            this.registration = registration;
            this.node = node;
            this.redactor = SecretRedactor.of(WebhookRequestSecrets.of(request.headers(), List.of()));
        }

        /** The credentials the node read to check the request. */
        List<CredentialData> checkedWith() {
            return List.copyOf(checkedWith);
        }

        @Override
        public WebhookRequest request() {
            return request;
        }

        @Override
        public NodeInfo node() {
            return node.info();
        }

        @Override
        public WorkflowInfo workflow() {
            return new WorkflowInfo(
                    registration.workflowId(),
                    registration.workflowName(),
                    true,
                    registration.prepared().workflow().settings().timezone().orElse(defaultZone));
        }

        @Override
        public ParameterValues parameters() {
            return node.resolver().constantValues();
        }

        @Override
        public Optional<CredentialData> credential(String type) {
            Optional<CredentialData> data = NodeCredentials.of(node, type, credentials);
            data.ifPresent(d -> {
                checkedWith.add(d);
                redactor = SecretRedactor.of(WebhookRequestSecrets.of(request.headers(), checkedWith));
            });
            return data;
        }

        @Override
        public NodeLogger log() {
            return new RedactingNodeLogger(
                    node.type().description().name(),
                    "workflowId",
                    registration.workflowId(),
                    node.name(),
                    () -> redactor);
        }
    }
}
