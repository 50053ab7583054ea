package io.hearth.runtime.workflow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * n8n's connection map: source node name -> connection type -> per source output, the list of
 * targets. Only "main" connections carry items in Hearth; other types are kept for export.
 */
public record Connections(Map<String, Map<String, List<List<Connection>>>> bySource) {

    public static final Connections EMPTY = new Connections(Map.of());

    public Connections {
        Map<String, Map<String, List<List<Connection>>>> copy = new LinkedHashMap<>();
        bySource.forEach((source, byType) -> {
            Map<String, List<List<Connection>>> types = new LinkedHashMap<>();
            byType.forEach((type, outputs) -> {
                List<List<Connection>> outs = new ArrayList<>();
                for (List<Connection> targets : outputs) {
                    outs.add(targets == null ? List.of() : List.copyOf(targets));
                }
                types.put(type, Collections.unmodifiableList(outs));
            });
            copy.put(source, Collections.unmodifiableMap(types));
        });
        bySource = Collections.unmodifiableMap(copy);
    }

    /** Targets of output {@code outputIndex} of {@code source}. */
    public List<Connection> targets(String source, int outputIndex) {
        List<List<Connection>> outputs = mainOutputs(source);
        return outputIndex < outputs.size() ? outputs.get(outputIndex) : List.of();
    }

    public List<List<Connection>> mainOutputs(String source) {
        Map<String, List<List<Connection>>> byType = bySource.get(source);
        if (byType == null) {
            return List.of();
        }
        List<List<Connection>> main = byType.get("main");
        return main == null ? List.of() : main;
    }

    /** Builder-style: a copy with one more main connection. */
    public Connections with(String source, int outputIndex, String target, int inputIndex) {
        Map<String, Map<String, List<List<Connection>>>> copy = new LinkedHashMap<>();
        bySource.forEach((k, v) -> {
            Map<String, List<List<Connection>>> types = new LinkedHashMap<>();
            v.forEach((t, outs) -> {
                List<List<Connection>> o = new ArrayList<>();
                outs.forEach(l -> o.add(new ArrayList<>(l)));
                types.put(t, o);
            });
            copy.put(k, types);
        });
        List<List<Connection>> outs = copy.computeIfAbsent(source, k -> new LinkedHashMap<>())
                .computeIfAbsent("main", k -> new ArrayList<>());
        while (outs.size() <= outputIndex) {
            outs.add(new ArrayList<>());
        }
        outs.get(outputIndex).add(Connection.main(target, inputIndex));
        return new Connections(copy);
    }
}
