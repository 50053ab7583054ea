package io.hearth.runtime.execution;

import io.hearth.common.SecretRedactor;
import io.hearth.expression.ExpressionObject;
import io.hearth.expression.Undefined;
import io.hearth.node.ExecutionLimitException;
import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.RequestAuthentication;
import io.hearth.node.credential.SigningCredential;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.runtime.workflow.CredentialRef;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The mutable state of one execution: the run data so far, decrypted credentials and the
 * redactor that knows their secrets. Used by one thread at a time (hand-overs between threads go
 * through CompletableFuture completion, which orders the writes).
 */
final class RunState {

    private final ExecutionRequest request;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<String, List<NodeRun>> runData = new LinkedHashMap<>();
    private final Map<String, Map<String, Object>> nodeStates = new java.util.HashMap<>();
    private final Map<String, Optional<CredentialData>> credentials = new ConcurrentHashMap<>();
    private volatile SecretRedactor redactor = SecretRedactor.none();
    private final Map<String, List<String>> console = new ConcurrentHashMap<>();
    private final Map<String, Map<String, List<Object>>> metadata = new ConcurrentHashMap<>();
    private final Map<String, Object> workflowObject;
    private final Map<String, Object> executionObject;
    private final ExecutionLimits limits;
    private volatile ExecutionLimitException limitHit;

    RunState(ExecutionRequest request, Clock clock, ZoneId defaultZone, ExecutionLimits limits) {
        this.request = request;
        this.redactor = SecretRedactor.of(request.secrets());
        this.clock = clock;
        this.limits = limits;
        this.zone = request.workflow().workflow().settings().timezone().orElse(defaultZone);
        var wf = request.workflow().workflow();
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("id", wf.id().orElse(""));
        w.put("name", wf.name());
        w.put("active", wf.active());
        this.workflowObject = java.util.Collections.unmodifiableMap(w);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", request.executionId());
        e.put("mode", request.mode() == ExecutionMode.MANUAL ? "test" : "production");
        e.put("customData", Map.of());
        this.executionObject = java.util.Collections.unmodifiableMap(e);
        // A retry from the failed node goes on with what the nodes kept when the retried execution ended.
        request.reused().nodeStates().forEach((node, kept) -> nodeStates.put(node, new LinkedHashMap<>(kept)));
    }

    ExecutionRequest request() {
        return request;
    }

    ZoneId zone() {
        return zone;
    }

    ExecutionLimits limits() {
        return limits;
    }

    /** Notes a limit the running node hit (and returns it to throw): the node cannot swallow it as a per-item error. */
    ExecutionLimitException hitLimit(ExecutionLimitException e) {
        limitHit = e;
        return e;
    }

    /** The limit the node that just ran hit, if any (and forgets it). */
    Optional<ExecutionLimitException> takeLimitHit() {
        ExecutionLimitException e = limitHit;
        limitHit = null;
        return Optional.ofNullable(e);
    }

    ZonedDateTime now() {
        return ZonedDateTime.now(clock.withZone(zone));
    }

    Clock clock() {
        return clock;
    }

    SecretRedactor redactor() {
        return redactor;
    }

    Map<String, List<NodeRun>> runData() {
        return runData;
    }

    /** The execution's result from the runs so far; what nodes kept is part of it unless it succeeded. */
    ExecutionResult result(
            ExecutionStatus status, Instant startedAt, Optional<String> lastNode, Optional<ExecutionError> err) {
        Map<String, List<NodeRun>> copy = new LinkedHashMap<>();
        runData.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        var wf = request.workflow().workflow();
        return new ExecutionResult(
                request.executionId(),
                wf.id().orElse(""),
                status,
                request.mode(),
                startedAt,
                clock.instant(),
                java.util.Collections.unmodifiableMap(copy),
                lastNode,
                err,
                status == ExecutionStatus.SUCCESS ? Map.of() : nodeStates());
    }

    int runCount(String node) {
        List<NodeRun> runs = runData.get(node);
        return runs == null ? 0 : runs.size();
    }

    /** A console line of the node's current run (a node never runs twice at once in one execution). */
    void console(String node, String line) {
        console.computeIfAbsent(node, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(line);
    }

    /** Adds an entry to a list in the metadata of the node's current run (e.g. a sub-execution it started). */
    void addMetadata(String node, String key, Object value) {
        metadata.computeIfAbsent(node, k -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(value);
    }

    /** The metadata of the node's run that just ended. */
    Map<String, Object> takeMetadata(String node) {
        Map<String, List<Object>> m = metadata.remove(node);
        if (m == null) {
            return Map.of();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            synchronized (v) {
                out.put(k, List.copyOf(v));
            }
        });
        return out;
    }

    /** The console lines of the node's run that just ended. */
    List<String> takeConsole(String node) {
        List<String> lines = console.remove(node);
        if (lines == null) {
            return List.of();
        }
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    void record(NodeRun run) {
        runData.computeIfAbsent(run.node(), k -> new ArrayList<>()).add(run);
    }

    /** The state {@code node} keeps between its runs in this execution (created empty on first use). */
    Map<String, Object> nodeState(String node) {
        return nodeStates.computeIfAbsent(node, k -> new LinkedHashMap<>());
    }

    /** What every node keeps now, secrets masked: recorded with a failed execution for a retry from the failed node. */
    Map<String, Map<String, Object>> nodeStates() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        nodeStates.forEach((node, kept) -> {
            if (!kept.isEmpty()) {
                out.put(node, RedactedRun.nodeState(kept, redactor));
            }
        });
        return out;
    }

    /** The JSON-like part of a node's state, as expressions see it ({@code $node["Name"].context}). */
    Map<String, Object> visibleNodeState(String node) {
        Map<String, Object> state = nodeStates.get(node);
        if (state == null) {
            return Map.of();
        }
        Map<String, Object> visible = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (!RedactedRun.isItems(v)) {
                visible.put(k, v);
            }
        });
        return java.util.Collections.unmodifiableMap(visible);
    }

    Optional<NodeRun> lastRun(String node) {
        List<NodeRun> runs = runData.get(node);
        return runs == null || runs.isEmpty() ? Optional.empty() : Optional.of(runs.getLast());
    }

    Optional<PreparedNode> preparedNode(String node) {
        return request.workflow().node(node);
    }

    ExpressionObject workflowObject() {
        return asObject(workflowObject);
    }

    ExpressionObject executionObject() {
        return asObject(executionObject);
    }

    Map<String, Object> variables() {
        return request.variables();
    }

    Optional<Map<String, String>> environment() {
        return request.environment();
    }

    /** Decrypts (once per execution) the credential of {@code type} the node references, and learns its secrets. */
    Optional<CredentialData> credential(PreparedNode node, String type) {
        boolean declared = node.type().description().credentials().stream()
                .anyMatch(c -> c.type().equals(type));
        CredentialRef ref = node.node().credentials().get(type);
        if (!declared || ref == null) {
            return Optional.empty();
        }
        return decrypt(type, ref);
    }

    /**
     * The credential of {@code type} with its request authentication, for a node that declares that type
     * or accepts any type that signs requests.
     */
    Optional<SigningCredential> requestCredential(PreparedNode node, String type) {
        boolean accepted = node.type().description().credentials().stream()
                .anyMatch(c -> c.type().equals(type) || c.isAnyRequestAuthentication());
        Optional<RequestAuthentication> authentication = request.workflow().requestAuthentication(type);
        CredentialRef ref = node.node().credentials().get(type);
        if (!accepted || ref == null || authentication.isEmpty()) {
            return Optional.empty();
        }
        return decrypt(type, ref).map(d -> new SigningCredential(d, authentication.get()));
    }

    private Map<String, Object> staticData;
    private String staticDataLoaded;

    /** The workflow's static data of {@code type} ("global", or "node" for {@code node}), loaded on first use. */
    synchronized Map<String, Object> staticData(String type, String node) {
        if (!type.equals("global") && !type.equals("node")) {
            throw new io.hearth.node.NodeException(
                    "The static data type \"" + type + "\" is not known. Valid types are: global, node");
        }
        if (staticData == null) {
            var wf = request.workflow().workflow();
            Map<String, Object> initial = wf.id()
                    .flatMap(id -> request.services().staticData().load(id))
                    .orElse(wf.staticData());
            staticData = mutableCopy(initial);
            staticDataLoaded = io.hearth.common.Json.write(staticData);
        }
        if (type.equals("global")) {
            return staticData;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> own =
                (Map<String, Object>) staticData.computeIfAbsent("node:" + node, k -> new LinkedHashMap<>());
        return own;
    }

    /** Saves changed static data after a production execution of a saved workflow, as n8n does. */
    synchronized void saveStaticData() {
        if (staticData == null || request.mode() == ExecutionMode.MANUAL) {
            return;
        }
        var id = request.workflow().workflow().id();
        String now = io.hearth.common.Json.write(staticData);
        if (id.isPresent() && !id.get().isEmpty() && !now.equals(staticDataLoaded)) {
            request.services().staticData().save(id.get(), staticData);
            staticDataLoaded = now;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutableCopy(Map<String, Object> source) {
        Map<String, Object> copy = new LinkedHashMap<>();
        source.forEach((k, v) -> copy.put(k, v instanceof Map<?, ?> m ? mutableCopy((Map<String, Object>) m) : v));
        return copy;
    }

    /** Learns a secret a node obtained while running (an OAuth2 access token). */
    void treatAsSecret(String value) {
        if (value != null && !value.isEmpty()) {
            redactor = redactor.with(List.of(value));
        }
    }

    private Optional<CredentialData> decrypt(String type, CredentialRef ref) {
        return credentials.computeIfAbsent(type + "\u0000" + ref.id(), k -> {
            Optional<CredentialData> data = request.credentials().credential(ref, type);
            data.ifPresent(d -> redactor = redactor.with(d.secretValues()));
            return data;
        });
    }

    /**
     * The item of node {@code target} that item {@code itemIndex} of {@code input} descends from,
     * following each item's paired-item links back through the nodes that produced it.
     */
    Optional<Item> pairedItem(String target, NodeRunInput input, int itemIndex) {
        Optional<InputSource> source = input.source(0);
        int index = itemIndex;
        for (int hops = 0; source.isPresent() && hops < 10_000; hops++) {
            InputSource s = source.get();
            List<NodeRun> runs = runData.get(s.previousNode());
            if (runs == null || s.previousNodeRun() >= runs.size()) {
                return Optional.empty();
            }
            NodeRun run = runs.get(s.previousNodeRun());
            List<Item> out =
                    s.previousNodeOutput() < run.output().size() ? run.output().get(s.previousNodeOutput()) : List.of();
            if (index >= out.size()) {
                return Optional.empty();
            }
            Item item = out.get(index);
            if (s.previousNode().equals(target)) {
                return Optional.of(item);
            }
            int inputIndex = 0;
            if (!item.pairedItems().isEmpty()) {
                Item.PairedItem paired = item.pairedItems().getFirst();
                index = paired.item();
                inputIndex = paired.input();
                // an item a looping node received in an earlier run points into that run's input
                if (paired.run().isPresent() && paired.run().getAsInt() < runs.size()) {
                    run = runs.get(paired.run().getAsInt());
                }
            }
            source = inputIndex < run.sources().size() ? run.sources().get(inputIndex) : Optional.empty();
        }
        // No trail (e.g. the target is not upstream): fall back to the same position, as n8n's legacy access does.
        return lastRun(target)
                .map(r -> r.output().isEmpty() ? List.<Item>of() : r.output().getFirst())
                .filter(items -> itemIndex < items.size())
                .map(items -> items.get(itemIndex));
    }

    private static ExpressionObject asObject(Map<String, Object> map) {
        return new ExpressionObject() {
            @Override
            public Object get(String property) {
                Object v = map.get(property);
                return v == null && !map.containsKey(property) ? Undefined.INSTANCE : v;
            }

            @Override
            public Collection<String> keys() {
                return map.keySet();
            }
        };
    }
}
