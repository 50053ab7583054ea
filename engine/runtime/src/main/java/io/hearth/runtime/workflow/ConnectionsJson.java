package io.hearth.runtime.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A workflow's {@code connections} in n8n's export format, read (checking every target names a node) and written. */
final class ConnectionsJson {

    private ConnectionsJson() {}

    @SuppressWarnings("unchecked")
    static Connections readConnections(Object raw, Set<String> nodeNames, List<FieldProblem> problems) {
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

    static Map<String, Object> connectionsTree(Connections c) {
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
}
