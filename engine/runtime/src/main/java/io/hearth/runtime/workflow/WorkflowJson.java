package io.hearth.runtime.workflow;

import io.hearth.common.Json;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes workflows in n8n's export format:
 * <pre>{ "name", "nodes": [{id, name, type, typeVersion, position, parameters, credentials, ...}],
 *   "connections": {"Source": {"main": [[{"node", "type", "index"}]]}}, "settings", "pinData", ... }</pre>
 * Fields Hearth does not interpret are kept and written back, so import followed by export returns
 * the same document. Problems are reported all at once with the path of each field.
 */
public final class WorkflowJson {

    private static final JsonMapper MAPPER = Json.mapper();

    private static final Set<String> NODE_FIELDS = Set.of(
            "id",
            "name",
            "type",
            "typeVersion",
            "position",
            "parameters",
            "credentials",
            "disabled",
            "notes",
            "retryOnFail",
            "maxTries",
            "waitBetweenTries",
            "retryBackoff",
            "alwaysOutputData",
            "executeOnce",
            "onError",
            "continueOnFail",
            "webhookId");
    private static final Set<String> WORKFLOW_FIELDS =
            Set.of("id", "name", "active", "nodes", "connections", "settings", "staticData", "pinData");
    private static final Set<String> SETTINGS_FIELDS = Set.of(
            "timezone",
            "errorWorkflow",
            "saveData",
            "saveManualExecutions",
            "executionTimeout",
            "retryCrashed",
            "maxNodeRuns",
            "maxItemsPerOutput",
            "maxExecutionDataMb",
            "executionDataOverflow",
            "maxConcurrency");

    /** The name n8n gives a workflow that has none. */
    public static final String DEFAULT_NAME = "My workflow";

    /** Node fields n8n sometimes writes at their default value; kept so the export writes them too. */
    private static final Set<String> WRITTEN_DEFAULTS =
            Set.of("disabled", "alwaysOutputData", "executeOnce", "retryOnFail", "notes", "continueOnFail");

    private static boolean isDefault(Object v) {
        return Boolean.FALSE.equals(v) || "".equals(v);
    }

    private WorkflowJson() {}

    /** Parses JSON text. */
    public static Workflow parse(String json) {
        Object tree;
        try {
            tree = MAPPER.readValue(json, Object.class);
        } catch (JacksonException e) {
            throw new InvalidWorkflowException(
                    List.of(new FieldProblem("$", "malformed JSON: " + e.getOriginalMessage())));
        }
        return fromTree(tree);
    }

    public static String toJsonText(Workflow workflow) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(workflow));
    }

    /** Reads a JSON-like tree (as parsed by any JSON library into maps and lists). */
    @SuppressWarnings("unchecked")
    public static Workflow fromTree(Object tree) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!(tree instanceof Map<?, ?> rootMap)) {
            throw new InvalidWorkflowException(List.of(new FieldProblem("$", "must be a JSON object")));
        }
        Map<String, Object> root = (Map<String, Object>) rootMap;
        Optional<String> id = optionalString(root, "id", "id", problems);
        // n8n names a workflow that comes without one (its editor's default)
        String name = optionalString(root, "name", "name", problems)
                .filter(n -> !n.isBlank())
                .orElse(DEFAULT_NAME);
        boolean active = bool(root, "active", "active", false, problems);

        List<WorkflowNode> nodes = new ArrayList<>();
        Object rawNodes = root.get("nodes");
        if (rawNodes == null) {
            problems.add(new FieldProblem("nodes", "required"));
        } else if (!(rawNodes instanceof List<?> list)) {
            problems.add(new FieldProblem("nodes", "must be an array"));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "nodes[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> nodeMap)) {
                    problems.add(new FieldProblem(path, "must be an object"));
                    continue;
                }
                WorkflowNode node = readNode((Map<String, Object>) nodeMap, path, problems);
                if (node != null) {
                    if (!names.add(node.name())) {
                        problems.add(new FieldProblem(path + ".name", "duplicate node name '" + node.name() + "'"));
                    }
                    nodes.add(node);
                }
            }
        }
        Set<String> nodeNames = new HashSet<>();
        nodes.forEach(n -> nodeNames.add(n.name()));
        Connections connections = readConnections(root.get("connections"), nodeNames, problems);
        WorkflowSettings settings = readSettings(root.get("settings"), problems);
        Map<String, Object> staticData = optionalMap(root, "staticData", problems);
        Map<String, Object> pinData = optionalMap(root, "pinData", problems);
        pinData.forEach((node, pinned) -> {
            try {
                PinData.items(pinned);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("pinData." + node, e.getMessage()));
            }
        });
        Map<String, Object> extra = new LinkedHashMap<>();
        root.forEach((k, v) -> {
            boolean emptyData = (k.equals("staticData") || k.equals("pinData"))
                    && (v == null || v instanceof Map<?, ?> m && m.isEmpty());
            boolean writtenDefault = (k.equals("active") && Boolean.FALSE.equals(v))
                    || (k.equals("settings")
                            && v instanceof Map<?, ?> sm
                            && settingsTree(settings).isEmpty());
            if (!WORKFLOW_FIELDS.contains(k) || emptyData || writtenDefault) {
                // unknown fields, and n8n's empty "pinData": {} / "staticData": null, go back out as they came
                extra.put(k, v);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidWorkflowException(problems);
        }
        return new Workflow(id, name, active, nodes, connections, settings, staticData, pinData, extra);
    }

    @SuppressWarnings("unchecked")
    private static WorkflowNode readNode(Map<String, Object> m, String path, List<FieldProblem> problems) {
        int before = problems.size();
        String name = requiredString(m, "name", path + ".name", problems);
        String type = requiredString(m, "type", path + ".type", problems);
        String id = optionalString(m, "id", path + ".id", problems)
                .orElse(""); // n8n's older exports have none; none is written back
        double typeVersion = 1;
        Object tv = m.get("typeVersion");
        if (tv instanceof Number n) {
            typeVersion = n.doubleValue();
        } else if (tv != null) {
            problems.add(new FieldProblem(path + ".typeVersion", "must be a number"));
        }
        Position position = Position.ORIGIN;
        Object pos = m.get("position");
        if (pos instanceof List<?> p && p.size() == 2 && p.get(0) instanceof Number x && p.get(1) instanceof Number y) {
            position = new Position(x.doubleValue(), y.doubleValue());
        } else if (pos != null) {
            problems.add(new FieldProblem(path + ".position", "must be [x, y]"));
        }
        Map<String, Object> parameters = Map.of();
        Object params = m.get("parameters");
        if (params instanceof Map<?, ?> pm) {
            parameters = (Map<String, Object>) pm;
        } else if (params != null) {
            problems.add(new FieldProblem(path + ".parameters", "must be an object"));
        }
        Map<String, CredentialRef> credentials = new LinkedHashMap<>();
        Object creds = m.get("credentials");
        if (creds instanceof Map<?, ?> cm) {
            for (Map.Entry<?, ?> e : cm.entrySet()) {
                String cpath = path + ".credentials." + e.getKey();
                Object refId = e.getValue() instanceof Map<?, ?> ref ? ref.get("id") : null;
                Object refName = e.getValue() instanceof Map<?, ?> ref ? ref.get("name") : null;
                if (e.getValue() instanceof Map<?, ?> && (refId != null || refName != null)) {
                    credentials.put(
                            String.valueOf(e.getKey()),
                            new CredentialRef(
                                    refId == null ? "" : String.valueOf(refId),
                                    refName == null ? "" : refName.toString()));
                } else if (e.getValue() instanceof String byName && !byName.isBlank()) {
                    // older n8n exports reference a credential by its name alone
                    credentials.put(String.valueOf(e.getKey()), CredentialRef.byName(byName));
                } else {
                    problems.add(new FieldProblem(cpath, "must be {\"id\": ..., \"name\": ...} or a credential name"));
                }
            }
        } else if (creds != null) {
            problems.add(new FieldProblem(path + ".credentials", "must be an object"));
        }
        boolean disabled = bool(m, "disabled", path + ".disabled", false, problems);
        String notes = optionalString(m, "notes", path + ".notes", problems).orElse("");
        RetryPolicy retry = readRetry(m, path, problems);
        boolean alwaysOutputData = bool(m, "alwaysOutputData", path + ".alwaysOutputData", false, problems);
        boolean executeOnce = bool(m, "executeOnce", path + ".executeOnce", false, problems);
        OnError onError = OnError.STOP_WORKFLOW;
        if (m.get("onError") instanceof String s) {
            try {
                onError = OnError.fromWireName(s);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(path + ".onError", e.getMessage()));
            }
        } else if (Boolean.TRUE.equals(m.get("continueOnFail"))) {
            onError = OnError.CONTINUE_REGULAR_OUTPUT;
        }
        Optional<String> webhookId = optionalString(m, "webhookId", path + ".webhookId", problems);
        Map<String, Object> extra = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!NODE_FIELDS.contains(k) || WRITTEN_DEFAULTS.contains(k) && isDefault(v)) {
                extra.put(k, v);
            }
        });
        if (!m.containsKey("position")) {
            extra.put("position", null); // none given: none written back (the canvas places it at the origin)
        }
        if (m.containsKey("continueOnFail") && !m.containsKey("onError")) {
            extra.put("continueOnFail", m.get("continueOnFail"));
        }
        if (problems.size() > before) {
            return null;
        }
        return WorkflowNode.builder(name, type)
                .id(id)
                .typeVersion(typeVersion)
                .position(position)
                .parameters(parameters)
                .credentials(credentials)
                .disabled(disabled)
                .notes(notes)
                .retry(retry)
                .alwaysOutputData(alwaysOutputData)
                .executeOnce(executeOnce)
                .onError(onError)
                .webhookId(webhookId)
                .extra(extra)
                .build();
    }

    private static RetryPolicy readRetry(Map<String, Object> m, String path, List<FieldProblem> problems) {
        boolean enabled = bool(m, "retryOnFail", path + ".retryOnFail", false, problems);
        int maxTries = 3;
        long wait = 1000;
        if (m.get("maxTries") instanceof Number n) {
            maxTries = n.intValue();
        } else if (m.get("maxTries") != null) {
            problems.add(new FieldProblem(path + ".maxTries", "must be a number"));
        }
        if (m.get("waitBetweenTries") instanceof Number n) {
            wait = n.longValue();
        } else if (m.get("waitBetweenTries") != null) {
            problems.add(new FieldProblem(path + ".waitBetweenTries", "must be a number of milliseconds"));
        }
        boolean exponential = "exponential".equals(m.get("retryBackoff"));
        if (maxTries < 1 || maxTries > RetryPolicy.MAX_TRIES) {
            problems.add(new FieldProblem(path + ".maxTries", "must be between 1 and " + RetryPolicy.MAX_TRIES));
            return RetryPolicy.NONE;
        }
        if (wait < 0 || wait > RetryPolicy.MAX_WAIT.toMillis()) {
            problems.add(new FieldProblem(
                    path + ".waitBetweenTries", "must be between 0 and " + RetryPolicy.MAX_WAIT.toMillis()));
            return RetryPolicy.NONE;
        }
        return new RetryPolicy(enabled, maxTries, Duration.ofMillis(wait), exponential);
    }

    @SuppressWarnings("unchecked")
    private static Connections readConnections(Object raw, Set<String> nodeNames, List<FieldProblem> problems) {
        if (raw == null) {
            return Connections.EMPTY;
        }
        if (!(raw instanceof Map<?, ?> bySource)) {
            problems.add(new FieldProblem("connections", "must be an object"));
            return Connections.EMPTY;
        }
        Map<String, Map<String, List<List<Connection>>>> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> source : bySource.entrySet()) {
            String sourceName = String.valueOf(source.getKey());
            String spath = "connections." + sourceName;
            if (!nodeNames.contains(sourceName)) {
                problems.add(new FieldProblem(spath, "unknown node '" + sourceName + "'"));
                continue;
            }
            if (!(source.getValue() instanceof Map<?, ?> byType)) {
                problems.add(new FieldProblem(spath, "must be an object"));
                continue;
            }
            Map<String, List<List<Connection>>> types = new LinkedHashMap<>();
            for (Map.Entry<?, ?> t : byType.entrySet()) {
                String type = String.valueOf(t.getKey());
                String tpath = spath + "." + type;
                if (!(t.getValue() instanceof List<?> outputs)) {
                    problems.add(new FieldProblem(tpath, "must be an array of outputs"));
                    continue;
                }
                List<List<Connection>> outs = new ArrayList<>();
                for (int o = 0; o < outputs.size(); o++) {
                    Object targets = outputs.get(o);
                    List<Connection> conns = new ArrayList<>();
                    if (targets instanceof List<?> tl) {
                        for (int c = 0; c < tl.size(); c++) {
                            String cpath = tpath + "[" + o + "][" + c + "]";
                            if (!(tl.get(c) instanceof Map<?, ?> cm)) {
                                problems.add(new FieldProblem(cpath, "must be {node, type, index}"));
                                continue;
                            }
                            Object target = cm.get("node");
                            if (!(target instanceof String targetName) || !nodeNames.contains(targetName)) {
                                problems.add(new FieldProblem(cpath + ".node", "unknown node '" + target + "'"));
                                continue;
                            }
                            int index = cm.get("index") instanceof Number n ? n.intValue() : 0;
                            if (index < 0) {
                                problems.add(new FieldProblem(cpath + ".index", "must not be negative"));
                                continue;
                            }
                            Object ctype = cm.get("type");
                            conns.add(new Connection(targetName, ctype == null ? type : ctype.toString(), index));
                        }
                    } else if (targets != null) {
                        problems.add(new FieldProblem(tpath + "[" + o + "]", "must be an array"));
                    }
                    outs.add(conns);
                }
                types.put(type, outs);
            }
            result.put(sourceName, types);
        }
        return new Connections(result);
    }

    private static WorkflowSettings readSettings(Object raw, List<FieldProblem> problems) {
        if (raw == null) {
            return WorkflowSettings.DEFAULTS;
        }
        if (!(raw instanceof Map<?, ?> m)) {
            problems.add(new FieldProblem("settings", "must be an object"));
            return WorkflowSettings.DEFAULTS;
        }
        Optional<ZoneId> zone = Optional.empty();
        if (m.get("timezone") instanceof String tz && !tz.isBlank() && !tz.equals("DEFAULT")) {
            try {
                zone = Optional.of(ZoneId.of(tz));
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("settings.timezone", "unknown time zone '" + tz + "'"));
            }
        }
        Optional<String> errorWorkflow =
                m.get("errorWorkflow") instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        WorkflowSettings.SaveDataPolicy save = WorkflowSettings.SaveDataPolicy.ALL;
        if (m.get("saveData") instanceof String s) {
            try {
                save = WorkflowSettings.SaveDataPolicy.fromWireName(s);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("settings.saveData", e.getMessage()));
            }
        } else {
            boolean success = !"none".equals(m.get("saveDataSuccessExecution"));
            boolean error = !"none".equals(m.get("saveDataErrorExecution"));
            save = success
                    ? WorkflowSettings.SaveDataPolicy.ALL
                    : error ? WorkflowSettings.SaveDataPolicy.ERRORS_ONLY : WorkflowSettings.SaveDataPolicy.NONE;
        }
        boolean saveManual = !(m.get("saveManualExecutions") instanceof Boolean b) || b;
        Optional<Duration> timeout = Optional.empty();
        Object t = m.get("executionTimeout");
        if (t instanceof Number n) {
            // n8n: a positive number of seconds; -1 (or 0) switches the timeout off for this workflow.
            timeout = Optional.of(n.longValue() > 0 ? Duration.ofSeconds(n.longValue()) : Duration.ZERO);
        } else if (t != null) {
            problems.add(new FieldProblem("settings.executionTimeout", "must be a number of seconds (-1 for none)"));
        }
        boolean retryCrashed = Boolean.TRUE.equals(m.get("retryCrashed"));
        Object order = m.get("executionOrder");
        if (order != null && !"v0".equals(order) && !"v1".equals(order)) {
            problems.add(new FieldProblem("settings.executionOrder", "must be 'v1' or 'v0' (n8n's legacy order)"));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!SETTINGS_FIELDS.contains(String.valueOf(k))) {
                extra.put(String.valueOf(k), v);
            }
        });
        if (m.containsKey("timezone") && zone.isEmpty()) {
            extra.put("timezone", m.get("timezone"));
        }
        if (m.containsKey("executionTimeout") && timeout.isEmpty()) {
            extra.put("executionTimeout", m.get("executionTimeout"));
        }
        WorkflowLimits limits = new WorkflowLimits(
                positiveInt(m, "maxNodeRuns", problems),
                positiveInt(m, "maxItemsPerOutput", problems),
                positiveInt(m, "maxExecutionDataMb", problems),
                dataOverflow(m.get("executionDataOverflow"), problems),
                positiveInt(m, "maxConcurrency", problems));
        return new WorkflowSettings(zone, errorWorkflow, save, saveManual, timeout, retryCrashed, limits, extra);
    }

    private static Optional<Integer> positiveInt(Map<?, ?> settings, String key, List<FieldProblem> problems) {
        Object v = settings.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() >= 1
                && n.doubleValue() <= Integer.MAX_VALUE) {
            return Optional.of(n.intValue());
        }
        problems.add(new FieldProblem("settings." + key, "must be a whole number of at least 1"));
        return Optional.empty();
    }

    private static Optional<WorkflowLimits.DataOverflow> dataOverflow(Object v, List<FieldProblem> problems) {
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(WorkflowLimits.DataOverflow.fromWireName(String.valueOf(v)));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("settings.executionDataOverflow", e.getMessage()));
            return Optional.empty();
        }
    }

    /** The n8n-format tree of a workflow; defaults are left out, as n8n does. */
    public static Map<String, Object> toTree(Workflow w) {
        Map<String, Object> root = new LinkedHashMap<>();
        w.id().ifPresent(id -> root.put("id", id));
        root.put("name", w.name());
        List<Object> nodes = new ArrayList<>();
        for (WorkflowNode n : w.nodes()) {
            nodes.add(nodeTree(n));
        }
        root.put("nodes", nodes);
        root.put("connections", connectionsTree(w.connections()));
        if (w.active()) {
            root.put("active", true);
        }
        Map<String, Object> settings = settingsTree(w.settings());
        if (!settings.isEmpty()) {
            root.put("settings", settings);
        }
        if (!w.staticData().isEmpty()) {
            root.put("staticData", w.staticData());
        }
        if (!w.pinData().isEmpty()) {
            root.put("pinData", w.pinData());
        }
        // unknown fields, and known ones the document wrote at their default value, go back as they came
        w.extra().forEach(root::putIfAbsent);
        return root;
    }

    private static Map<String, Object> nodeTree(WorkflowNode n) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameters", n.parameters());
        if (!n.id().isEmpty()) {
            m.put("id", n.id());
        }
        m.put("name", n.name());
        m.put("type", n.type());
        m.put("typeVersion", number(n.typeVersion()));
        boolean positionAbsent = n.extra().containsKey("position") && n.extra().get("position") == null;
        if (!(positionAbsent && n.position().equals(Position.ORIGIN))) {
            m.put(
                    "position",
                    List.of(number(n.position().x()), number(n.position().y())));
        }
        if (!n.credentials().isEmpty()) {
            Map<String, Object> creds = new LinkedHashMap<>();
            n.credentials().forEach((type, ref) -> {
                if (ref.asText()) {
                    creds.put(type, ref.name());
                } else if (!ref.hasId()) {
                    creds.put(type, Map.of("name", ref.name()));
                } else {
                    creds.put(type, Map.of("id", ref.id(), "name", ref.name()));
                }
            });
            m.put("credentials", creds);
        }
        if (n.disabled()) {
            m.put("disabled", true);
        }
        if (!n.notes().isEmpty()) {
            m.put("notes", n.notes());
        }
        RetryPolicy r = n.retry();
        if (r.enabled()) {
            m.put("retryOnFail", true);
        }
        if (r != RetryPolicy.NONE
                && !(r.maxTries() == 3 && r.waitBetweenTries().toMillis() == 1000 && !r.exponentialBackoff())) {
            m.put("maxTries", r.maxTries());
            m.put("waitBetweenTries", r.waitBetweenTries().toMillis());
            if (r.exponentialBackoff()) {
                m.put("retryBackoff", "exponential");
            }
        }
        if (n.alwaysOutputData()) {
            m.put("alwaysOutputData", true);
        }
        if (n.executeOnce()) {
            m.put("executeOnce", true);
        }
        boolean legacyContinue = n.extra().containsKey("continueOnFail");
        if (n.onError() != OnError.STOP_WORKFLOW && !legacyContinue) {
            m.put("onError", n.onError().wireName());
        }
        n.webhookId().ifPresent(id -> m.put("webhookId", id));
        n.extra().forEach((k, v) -> {
            if (v != null || !k.equals("position")) {
                m.putIfAbsent(k, v);
            }
        });
        return m;
    }

    private static Map<String, Object> connectionsTree(Connections c) {
        Map<String, Object> out = new LinkedHashMap<>();
        c.bySource().forEach((source, byType) -> {
            Map<String, Object> types = new LinkedHashMap<>();
            byType.forEach((type, outputs) -> {
                List<Object> outs = new ArrayList<>();
                for (List<Connection> targets : outputs) {
                    List<Object> ts = new ArrayList<>();
                    for (Connection t : targets) {
                        Map<String, Object> tm = new LinkedHashMap<>();
                        tm.put("node", t.node());
                        tm.put("type", t.type());
                        tm.put("index", t.index());
                        ts.add(tm);
                    }
                    outs.add(ts);
                }
                types.put(type, outs);
            });
            out.put(source, types);
        });
        return out;
    }

    private static Map<String, Object> settingsTree(WorkflowSettings s) {
        Map<String, Object> m = new LinkedHashMap<>(s.extra());
        s.timezone().ifPresent(z -> m.put("timezone", z.getId()));
        s.errorWorkflow().ifPresent(e -> m.put("errorWorkflow", e));
        boolean n8nKeys = m.containsKey("saveDataSuccessExecution") || m.containsKey("saveDataErrorExecution");
        if (n8nKeys || s.saveData() != WorkflowSettings.SaveDataPolicy.ALL) {
            m.put("saveDataSuccessExecution", s.saveData() == WorkflowSettings.SaveDataPolicy.ALL ? "all" : "none");
            m.put("saveDataErrorExecution", s.saveData() == WorkflowSettings.SaveDataPolicy.NONE ? "none" : "all");
        }
        if (!s.saveManualExecutions()) {
            m.put("saveManualExecutions", false);
        }
        s.executionTimeout().ifPresent(t -> m.put("executionTimeout", t.isZero() ? -1 : t.toSeconds()));
        WorkflowLimits limits = s.limits();
        limits.maxNodeRuns().ifPresent(v -> m.put("maxNodeRuns", v));
        limits.maxItemsPerOutput().ifPresent(v -> m.put("maxItemsPerOutput", v));
        limits.maxExecutionDataMb().ifPresent(v -> m.put("maxExecutionDataMb", v));
        limits.executionDataOverflow().ifPresent(v -> m.put("executionDataOverflow", v.wireName()));
        limits.maxConcurrency().ifPresent(v -> m.put("maxConcurrency", v));
        if (s.retryCrashed()) {
            m.put("retryCrashed", true);
        }
        return m;
    }

    private static Object number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }

    private static String requiredString(Map<String, Object> m, String key, String path, List<FieldProblem> problems) {
        Object v = m.get(key);
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        problems.add(new FieldProblem(path, v == null || "".equals(v) ? "required" : "must be a string"));
        return "";
    }

    private static Optional<String> optionalString(
            Map<String, Object> m, String key, String path, List<FieldProblem> problems) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        if (v instanceof Number n && key.equals("id")) {
            return Optional.of(String.valueOf(n));
        }
        problems.add(new FieldProblem(path, "must be a string"));
        return Optional.empty();
    }

    private static boolean bool(
            Map<String, Object> m, String key, String path, boolean dflt, List<FieldProblem> problems) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problems.add(new FieldProblem(path, "must be true or false"));
        return dflt;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> optionalMap(Map<String, Object> m, String key, List<FieldProblem> problems) {
        Object v = m.get(key);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        problems.add(new FieldProblem(key, "must be an object"));
        return Map.of();
    }
}
