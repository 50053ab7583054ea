package io.hearth.runtime.registry;

import io.hearth.node.ActionNode;
import io.hearth.node.BlockingActionNode;
import io.hearth.node.NodeType;
import io.hearth.node.description.DisplayOptions;
import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.ParameterType;
import io.hearth.node.trigger.ScheduleTriggerNode;
import io.hearth.node.trigger.TriggerNode;
import io.hearth.node.trigger.WebhookNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a node type's description for mistakes a plugin author can make. */
public final class DescriptionValidator {

    private static final Pattern TYPE_NAME = Pattern.compile("[A-Za-z0-9_.@/-]+");

    private DescriptionValidator() {}

    /** Every problem found; empty when the description is usable. */
    public static List<String> validate(NodeType type) {
        List<String> problems = new ArrayList<>();
        NodeDescription d;
        try {
            d = type.description();
        } catch (RuntimeException | LinkageError e) {
            return List.of("description() threw " + e);
        }
        if (d == null) {
            return List.of("description() returned null");
        }
        if (!TYPE_NAME.matcher(d.name()).matches()) {
            problems.add("name '" + d.name() + "' must use letters, digits and . _ - @ / only");
        }
        for (double v : d.versions()) {
            if (!(v > 0)) {
                problems.add("version " + v + " must be positive");
            }
        }
        boolean trigger =
                type instanceof TriggerNode || type instanceof WebhookNode || type instanceof ScheduleTriggerNode;
        boolean action = type instanceof ActionNode || type instanceof BlockingActionNode;
        if (!trigger && !action) {
            problems.add(
                    "implements none of ActionNode, BlockingActionNode, TriggerNode, WebhookNode, ScheduleTriggerNode");
        }
        if (trigger && d.group() != NodeGroup.TRIGGER) {
            problems.add("a trigger implementation must declare group TRIGGER");
        }
        if (!trigger && d.group() == NodeGroup.TRIGGER && !isManualTrigger(type)) {
            problems.add("group TRIGGER needs a TriggerNode, WebhookNode or ScheduleTriggerNode implementation");
        }
        if (d.outputs().isEmpty() && d.dynamicOutputs().isEmpty() && d.group() == NodeGroup.TRIGGER) {
            // A node without outputs ends its branch (Stop and Error); a trigger without one starts nothing.
            problems.add("declares no outputs");
        }
        Set<String> methods = type.loadOptionsMethods().keySet();
        checkLevel(d.parameters(), "parameters", d.parameters(), methods, problems);
        d.credentials().forEach(c -> {
            if (c.type() == null || c.type().isBlank()) {
                problems.add("a credential requirement has no type");
            }
            checkDisplayOptions(
                    c.displayOptions(), "credentials." + c.type(), d.parameters(), d.parameters(), problems);
        });
        return problems;
    }

    private static boolean isManualTrigger(NodeType type) {
        // A manual trigger only passes the items it is started with: a plain action in a trigger's place.
        return type instanceof ActionNode;
    }

    private static void checkLevel(
            List<Parameter> level, String path, List<Parameter> root, Set<String> methods, List<String> problems) {
        Set<String> names = new HashSet<>();
        for (Parameter p : level) {
            String ppath = path + "." + p.name();
            if (p.name().isBlank()) {
                problems.add(path + ": a parameter has an empty name");
                continue;
            }
            if (!names.add(p.name()) && p.displayOptions().isAlways()) {
                // n8n-style variants (one "operation" per resource) are fine when each has show rules.
                problems.add(ppath + ": duplicate parameter name without show/hide rules to tell the variants apart");
            }
            checkDisplayOptions(p.displayOptions(), ppath, level, root, problems);
            switch (p.type()) {
                case ParameterType.OptionsType o -> {
                    checkDynamic(o.dynamicOptions(), ppath, methods, problems);
                    if (o.dynamicOptions().isEmpty()
                            && !o.options().isEmpty()
                            && !(p.defaultValue() instanceof String s && s.startsWith("="))
                            && o.options().stream().map(Option::value).noneMatch(v -> sameValue(v, p.defaultValue()))
                            && !"".equals(p.defaultValue())) {
                        problems.add(ppath + ": default '" + p.defaultValue() + "' is not one of its options");
                    }
                }
                case ParameterType.MultiOptionsType m -> checkDynamic(m.dynamicOptions(), ppath, methods, problems);
                case ParameterType.CollectionType c -> checkLevel(c.fields(), ppath, root, methods, problems);
                case ParameterType.FixedCollectionType f -> {
                    Set<String> groups = new HashSet<>();
                    for (FieldGroup g : f.groups()) {
                        if (!groups.add(g.name())) {
                            problems.add(ppath + ": duplicate group '" + g.name() + "'");
                        }
                        checkLevel(g.fields(), ppath + "." + g.name(), root, methods, problems);
                    }
                }
                case ParameterType.ResourceLocatorType r ->
                    r.modes().forEach(m -> checkDynamic(m.options(), ppath, methods, problems));
                default -> {}
            }
        }
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return x.doubleValue() == y.doubleValue();
        }
        return a == null ? b == null : a.equals(b);
    }

    private static void checkDynamic(
            Optional<DynamicOptions> dynamic, String path, Set<String> methods, List<String> problems) {
        dynamic.ifPresent(d -> {
            if (!methods.contains(d.method())) {
                problems.add(
                        path + ": load-options method '" + d.method() + "' is not provided by loadOptionsMethods()");
            }
        });
    }

    private static void checkDisplayOptions(
            DisplayOptions options,
            String path,
            List<Parameter> siblings,
            List<Parameter> root,
            List<String> problems) {
        Set<String> keys = new HashSet<>(options.show().keySet());
        keys.addAll(options.hide().keySet());
        for (String key : keys) {
            if (key.equals("@version")) {
                continue;
            }
            List<Parameter> scope = key.startsWith("/") ? root : siblings;
            String name = key.startsWith("/") ? key.substring(1) : key;
            if (scope.stream().noneMatch(p -> p.name().equals(name))) {
                problems.add(path + ": show/hide rule refers to unknown parameter '" + key + "'");
            }
        }
    }
}
