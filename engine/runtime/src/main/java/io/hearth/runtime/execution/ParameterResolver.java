package io.hearth.runtime.execution;

import io.hearth.expression.ExpressionEngine;
import io.hearth.expression.ExpressionException;
import io.hearth.expression.Scope;
import io.hearth.expression.Template;
import io.hearth.expression.Undefined;
import io.hearth.node.NodeType;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.Parameter;
import io.hearth.node.internal.MapParameterValues;
import io.hearth.runtime.registry.ParameterMigrations;
import io.hearth.runtime.workflow.WorkflowNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * Turns a workflow node's stored parameters into the values a node run sees: declared defaults
 * filled in, parameters hidden by their show/hide rules left out, and expressions ({@code "=..."}
 * strings, at any depth) evaluated against the current item.
 * <p>
 * Everything that does not depend on the item is worked out once, when the workflow is prepared:
 * visibility, defaults and the compiled expressions. A node without expressions resolves to one
 * shared {@link ParameterValues} for all items.
 */
public final class ParameterResolver {

    private final Map<String, Object> visibleRaw;
    private final Plan plan;
    private final ParameterValues constant;

    private ParameterResolver(Map<String, Object> visibleRaw, Plan plan) {
        this.visibleRaw = visibleRaw;
        this.plan = plan;
        this.constant = plan instanceof Constant ? ParameterValues.of(visibleRaw) : null;
    }

    public static ParameterResolver create(ExpressionEngine engine, NodeDescription description, WorkflowNode node) {
        return create(engine, description, node, Set.of());
    }

    /** For a description whose type has no version migrations. */
    public static ParameterResolver create(
            ExpressionEngine engine, NodeDescription description, WorkflowNode node, Set<String> nodeEvaluated) {
        return create(engine, (NodeType) () -> description, node, nodeEvaluated);
    }

    /**
     * A resolver for one node's parameters.
     *
     * @param nodeEvaluated parameter paths (dotted, e.g. {@code options.pagination}) whose expressions the
     *                      node evaluates itself: left as they are
     */
    public static ParameterResolver create(
            ExpressionEngine engine, NodeType type, WorkflowNode node, Set<String> nodeEvaluated) {
        NodeDescription description = type.description();
        Map<String, Object> stored = ParameterMigrations.toCurrent(type, node.typeVersion(), node.parameters());
        double formVersion = ParameterMigrations.formVersion(type, node.typeVersion());
        Map<String, Object> visible = new LinkedHashMap<>();
        // n8n declares some parameters several times (one "operation" per resource), each variant
        // with its own show rules: the first visible variant gives the value's default.
        java.util.function.Function<String, Optional<Object>> lookup = key -> {
            if (key.equals("@version")) {
                return Optional.of(formVersion);
            }
            String name = key.startsWith("/") ? key.substring(1) : key;
            if (visible.containsKey(name)) {
                return Optional.ofNullable(visible.get(name));
            }
            if (stored.containsKey(name)) {
                return Optional.ofNullable(stored.get(name));
            }
            return description.parameter(name).map(Parameter::defaultValue);
        };
        for (Parameter p : description.parameters()) {
            if (!p.holdsValue() || visible.containsKey(p.name())) {
                continue;
            }
            if (p.displayOptions().isVisible(lookup)) {
                visible.put(p.name(), stored.containsKey(p.name()) ? stored.get(p.name()) : p.defaultValue());
            }
        }
        // Parameters the description does not declare (other type versions, n8n extras) stay available.
        stored.forEach((k, v) -> {
            if (description.parameter(k).isEmpty()) {
                visible.put(k, v);
            }
        });
        Map<String, Object> frozen = Collections.unmodifiableMap(visible);
        return new ParameterResolver(frozen, compile(engine, frozen, "", nodeEvaluated));
    }

    /** The parameters with defaults and visibility applied but expressions not evaluated ({@code $parameter}). */
    public Map<String, Object> rawValues() {
        return visibleRaw;
    }

    /** Values for decisions that do not depend on items (the number of Switch outputs). */
    public ParameterValues constantValues() {
        return constant != null ? constant : ParameterValues.of(visibleRaw);
    }

    public boolean hasExpressions() {
        return constant == null;
    }

    /** Evaluates the expressions against {@code scope}; throws {@link ParameterException} naming the parameter. */
    public ParameterValues resolve(Scope scope) {
        return resolve(scope, produced -> {});
    }

    /**
     * Evaluates the expressions against {@code scope}, telling {@code produced} the size of each
     * result (as recorded: {@link RecordedSize}); the runtime bounds what one node run may produce.
     */
    @SuppressWarnings("unchecked")
    public ParameterValues resolve(Scope scope, LongConsumer produced) {
        if (constant != null) {
            return constant;
        }
        // The plan builds a new map for every call: no need for a defensive copy.
        return MapParameterValues.ofOwned((Map<String, Object>) plan.resolve(scope, produced));
    }

    // ---- a tree mirroring the parameters where only the parts holding expressions need work

    private sealed interface Plan {
        Object resolve(Scope scope, LongConsumer produced);
    }

    private record Constant(Object value) implements Plan {
        @Override
        public Object resolve(Scope scope, LongConsumer produced) {
            return value;
        }
    }

    // Past this a result is large whatever its exact size: counting stops there.
    private static final long COUNT_UP_TO = Integer.MAX_VALUE;

    private record Expression(Template template, String path) implements Plan {
        @Override
        public Object resolve(Scope scope, LongConsumer produced) {
            Object v = evaluate(scope);
            if (v instanceof String s) {
                produced.accept(s.length());
            } else if (v instanceof Map<?, ?> || v instanceof List<?>) {
                produced.accept(RecordedSize.ofValue(v, COUNT_UP_TO));
            }
            return v;
        }

        private Object evaluate(Scope scope) {
            Object v;
            try {
                v = template.evaluate(scope);
            } catch (ExpressionException e) {
                throw new ParameterException(
                        path, "has an invalid expression '" + abbreviate(template.source()) + "': " + e.getMessage());
            } catch (ParameterException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ParameterException(
                        path, "has an expression '" + abbreviate(template.source()) + "' that failed: " + e);
            }
            return v == Undefined.INSTANCE ? null : v;
        }
    }

    private record Broken(String source, String path, String problem) implements Plan {
        @Override
        public Object resolve(Scope scope, LongConsumer produced) {
            throw new ParameterException(path, "has an invalid expression '" + abbreviate(source) + "': " + problem);
        }
    }

    private record MapPlan(Map<String, Plan> entries) implements Plan {
        @Override
        public Object resolve(Scope scope, LongConsumer produced) {
            Map<String, Object> out = new LinkedHashMap<>(entries.size() * 2);
            entries.forEach((k, p) -> out.put(k, p.resolve(scope, produced)));
            return out;
        }
    }

    private record ListPlan(List<Plan> elements) implements Plan {
        @Override
        public Object resolve(Scope scope, LongConsumer produced) {
            List<Object> out = new ArrayList<>(elements.size());
            for (Plan p : elements) {
                out.add(p.resolve(scope, produced));
            }
            return out;
        }
    }

    private static Plan compile(ExpressionEngine engine, Object value, String path, Set<String> nodeEvaluated) {
        if (nodeEvaluated.contains(path)) {
            return new Constant(value);
        }
        if (value instanceof String s && ExpressionEngine.isExpression(s)) {
            try {
                return new Expression(engine.compile(s.substring(1)), path);
            } catch (ExpressionException e) {
                return new Broken(s.substring(1), path, e.getMessage());
            }
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Plan> entries = new LinkedHashMap<>();
            boolean allConstant = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String key = String.valueOf(e.getKey());
                Plan p = compile(engine, e.getValue(), path.isEmpty() ? key : path + "." + key, nodeEvaluated);
                allConstant &= p instanceof Constant;
                entries.put(key, p);
            }
            return allConstant ? new Constant(value) : new MapPlan(entries);
        }
        if (value instanceof List<?> l) {
            List<Plan> elements = new ArrayList<>(l.size());
            boolean allConstant = true;
            for (int i = 0; i < l.size(); i++) {
                Plan p = compile(engine, l.get(i), path + "[" + i + "]", nodeEvaluated);
                allConstant &= p instanceof Constant;
                elements.add(p);
            }
            return allConstant ? new Constant(value) : new ListPlan(elements);
        }
        return new Constant(value);
    }

    private static String abbreviate(String source) {
        String s = source.strip();
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
