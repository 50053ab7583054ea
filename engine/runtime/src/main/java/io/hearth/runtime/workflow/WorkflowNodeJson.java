package io.hearth.runtime.workflow;

import static io.hearth.runtime.workflow.WorkflowJson.bool;
import static io.hearth.runtime.workflow.WorkflowJson.number;
import static io.hearth.runtime.workflow.WorkflowJson.optionalString;
import static io.hearth.runtime.workflow.WorkflowJson.requiredString;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A workflow node in n8n's export format, read and written: its fields, retry settings and the fields kept as they came. */
final class WorkflowNodeJson {

    private WorkflowNodeJson() {}

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

    /** Node fields n8n sometimes writes at their default value; kept so the export writes them too. */
    private static final Set<String> WRITTEN_DEFAULTS =
            Set.of("disabled", "alwaysOutputData", "executeOnce", "retryOnFail", "notes", "continueOnFail");

    static boolean isDefault(Object v) {
        return Boolean.FALSE.equals(v) || "".equals(v);
    }

    @SuppressWarnings("unchecked")
    static WorkflowNode readNode(Map<String, Object> m, String path, List<FieldProblem> problems) {
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
            if (!NODE_FIELDS.contains(k) || (WRITTEN_DEFAULTS.contains(k) && isDefault(v))) {
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

    static RetryPolicy readRetry(Map<String, Object> m, String path, List<FieldProblem> problems) {
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

    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
    static Map<String, Object> nodeTree(WorkflowNode n) {
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
}
