package io.hearth.node.description;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the engine, the editor and the docs know about a node type.
 *
 * @param name             the type name stored in workflows, e.g. {@code hearth.homeAssistant}
 * @param aliases          other accepted type names, e.g. n8n's {@code n8n-nodes-base.homeAssistant}
 * @param displayName      the name in the palette
 * @param versions         type versions this implementation runs (n8n's {@code typeVersion}); the last is the default
 * @param group            trigger, action or transform
 * @param categories       palette sections ("Flow", "Data Transformation", "Home Assistant", ...)
 * @param keywords         other words the palette search matches (n8n's codex aliases: "Combine", "Flatten")
 * @param icon             {@code fa:<name>} or {@code file:<resource in the plugin jar>}
 * @param description      one sentence for the palette
 * @param subtitle         optional template shown under the node on the canvas, e.g. {@code ={{$parameter["operation"]}}}
 * @param inputs           input ports (empty for triggers)
 * @param outputs          output ports
 * @param dynamicOutputs   outputs derived from a parameter (Switch), replacing {@code outputs} when present
 * @param dynamicInputs    inputs counted by a parameter (Merge's "Number of Inputs"), beyond {@code inputs}
 * @param allInputsRequired when these conditions hold (read like show rules), the node runs only once every
 *                         connected input has received items (n8n's {@code requiredInputs}, Merge's Choose
 *                         Branch); otherwise a node whose other inputs got nothing runs with what arrived
 * @param credentials      credential types the node accepts
 * @param parameters       the node's parameters, in form order
 * @param documentationUrl where to read more
 * @param triggerRole      for a trigger the engine starts for a purpose (manual run, error workflow, sub-workflow)
 */
public record NodeDescription(
        String name,
        List<String> aliases,
        String displayName,
        List<Double> versions,
        NodeGroup group,
        List<String> categories,
        List<String> keywords,
        String icon,
        String description,
        String subtitle,
        List<Port> inputs,
        List<Port> outputs,
        Optional<DynamicOutputs> dynamicOutputs,
        Optional<DynamicInputs> dynamicInputs,
        Optional<DisplayOptions> allInputsRequired,
        List<CredentialRequirement> credentials,
        List<Parameter> parameters,
        Optional<String> documentationUrl,
        Optional<TriggerRole> triggerRole) {

    public NodeDescription {
        Objects.requireNonNull(name, "name");
        aliases = List.copyOf(aliases);
        displayName = displayName == null ? name : displayName;
        versions = versions.isEmpty() ? List.of(1.0) : List.copyOf(versions);
        Objects.requireNonNull(group, "group");
        categories = List.copyOf(categories);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        icon = icon == null ? "fa:cube" : icon;
        description = description == null ? "" : description;
        subtitle = subtitle == null ? "" : subtitle;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        dynamicOutputs = dynamicOutputs == null ? Optional.empty() : dynamicOutputs;
        dynamicInputs = dynamicInputs == null ? Optional.empty() : dynamicInputs;
        allInputsRequired = allInputsRequired == null ? Optional.empty() : allInputsRequired;
        credentials = List.copyOf(credentials);
        parameters = List.copyOf(parameters);
        documentationUrl = documentationUrl == null ? Optional.empty() : documentationUrl;
        triggerRole = triggerRole == null ? Optional.empty() : triggerRole;
    }

    public double defaultVersion() {
        return versions.getLast();
    }

    public boolean isTrigger() {
        return group == NodeGroup.TRIGGER;
    }

    /** Top-level parameter by name. */
    public Optional<Parameter> parameter(String parameterName) {
        return parameters.stream().filter(p -> p.name().equals(parameterName)).findFirst();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** Fluent construction of a {@link NodeDescription}. */
    public static final class Builder {
        private final String name;
        private final List<String> aliases = new ArrayList<>();
        private String displayName;
        private final List<Double> versions = new ArrayList<>();
        private NodeGroup group = NodeGroup.TRANSFORM;
        private final List<String> categories = new ArrayList<>();
        private final List<String> keywords = new ArrayList<>();
        private String icon;
        private String description;
        private String subtitle;
        private List<Port> inputs = List.of(Port.MAIN);
        private List<Port> outputs = List.of(Port.MAIN);
        private DynamicOutputs dynamicOutputs;
        private DisplayOptions allInputsRequired;
        private DynamicInputs dynamicInputs;
        private final List<CredentialRequirement> credentials = new ArrayList<>();
        private final List<Parameter> parameters = new ArrayList<>();
        private String documentationUrl;
        private TriggerRole triggerRole;

        private Builder(String name) {
            this.name = name;
        }

        public Builder alias(String... names) {
            aliases.addAll(Arrays.asList(names));
            return this;
        }

        public Builder displayName(String value) {
            this.displayName = value;
            return this;
        }

        public Builder versions(double... values) {
            versions.clear();
            for (double v : values) {
                versions.add(v);
            }
            return this;
        }

        public Builder group(NodeGroup value) {
            this.group = value;
            if (value == NodeGroup.TRIGGER) {
                this.inputs = List.of();
            }
            return this;
        }

        public Builder categories(String... values) {
            categories.addAll(Arrays.asList(values));
            return this;
        }

        /** Words the palette search also matches, e.g. n8n's aliases "Combine", "Flatten" for Aggregate. */
        public Builder keywords(String... values) {
            keywords.addAll(Arrays.asList(values));
            return this;
        }

        public Builder icon(String value) {
            this.icon = value;
            return this;
        }

        public Builder description(String value) {
            this.description = value;
            return this;
        }

        public Builder subtitle(String value) {
            this.subtitle = value;
            return this;
        }

        public Builder inputs(Port... ports) {
            this.inputs = List.of(ports);
            return this;
        }

        public Builder outputs(Port... ports) {
            this.outputs = List.of(ports);
            return this;
        }

        public Builder dynamicOutputs(DynamicOutputs value) {
            this.dynamicOutputs = value;
            return this;
        }

        public Builder dynamicInputs(DynamicInputs value) {
            this.dynamicInputs = value;
            return this;
        }

        /** The node runs only when every connected input has items, while {@code when} holds. */
        public Builder allInputsRequiredWhen(DisplayOptions when) {
            this.allInputsRequired = when;
            return this;
        }

        public Builder credential(CredentialRequirement requirement) {
            credentials.add(requirement);
            return this;
        }

        public Builder parameter(Parameter.Builder builder) {
            parameters.add(builder.build());
            return this;
        }

        public Builder parameter(Parameter parameter) {
            parameters.add(parameter);
            return this;
        }

        public Builder parameters(List<Parameter> values) {
            parameters.addAll(values);
            return this;
        }

        /** What the engine starts this trigger for; see {@link TriggerRole}. */
        public Builder triggerRole(TriggerRole value) {
            this.triggerRole = value;
            return this;
        }

        public Builder documentationUrl(String value) {
            this.documentationUrl = value;
            return this;
        }

        public NodeDescription build() {
            return new NodeDescription(
                    name,
                    aliases,
                    displayName,
                    versions,
                    group,
                    categories,
                    keywords,
                    icon,
                    description,
                    subtitle,
                    inputs,
                    outputs,
                    Optional.ofNullable(dynamicOutputs),
                    Optional.ofNullable(dynamicInputs),
                    Optional.ofNullable(allInputsRequired),
                    credentials,
                    parameters,
                    Optional.ofNullable(documentationUrl),
                    Optional.ofNullable(triggerRole));
        }
    }
}
