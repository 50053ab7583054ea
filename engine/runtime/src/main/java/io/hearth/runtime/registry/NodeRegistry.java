package io.hearth.runtime.registry;

import io.hearth.node.NodeType;
import io.hearth.node.credential.CredentialType;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node and credential types the engine knows, looked up by type name or alias
 * ({@code n8n-nodes-base.set} finds Hearth's Edit Fields node).
 */
public final class NodeRegistry {

    private final Map<String, NodeType> byName = new LinkedHashMap<>();
    private final Map<String, NodeType> byAlias = new LinkedHashMap<>();
    private final Map<String, CredentialType> credentialTypes = new LinkedHashMap<>();
    private final List<PluginFailure> failures;

    public NodeRegistry(
            Collection<NodeType> nodes, Collection<CredentialType> credentials, List<PluginFailure> failures) {
        for (NodeType n : nodes) {
            String name = n.description().name();
            if (byName.containsKey(name) || byAlias.containsKey(name)) {
                throw new IllegalArgumentException("node type '" + name + "' is registered twice");
            }
            byName.put(name, n);
            for (String alias : n.description().aliases()) {
                byAlias.putIfAbsent(alias, n);
            }
        }
        for (CredentialType c : credentials) {
            credentialTypes.putIfAbsent(c.description().name(), c);
        }
        this.failures = List.copyOf(failures);
    }

    public static NodeRegistry of(Collection<NodeType> nodes, Collection<CredentialType> credentials) {
        return new NodeRegistry(nodes, credentials, List.of());
    }

    public Optional<NodeType> find(String typeName) {
        NodeType t = byName.get(typeName);
        return t != null ? Optional.of(t) : Optional.ofNullable(byAlias.get(typeName));
    }

    public Collection<NodeType> nodeTypes() {
        return Collections.unmodifiableCollection(byName.values());
    }

    public Optional<CredentialType> credentialType(String name) {
        return Optional.ofNullable(credentialTypes.get(name));
    }

    public Collection<CredentialType> credentialTypes() {
        return Collections.unmodifiableCollection(credentialTypes.values());
    }

    /** Plugins that were refused at load time, with the reason. */
    public List<PluginFailure> failures() {
        return failures;
    }
}
