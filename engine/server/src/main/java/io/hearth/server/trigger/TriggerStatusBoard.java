package io.hearth.server.trigger;

import io.hearth.node.trigger.TriggerStatus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The latest status each active trigger reported (connected, reconnecting, auth failed...). */
@Component
public class TriggerStatusBoard {

    public record Entry(String workflowId, String node, String type, TriggerStatus status) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public void report(String workflowId, String node, String type, TriggerStatus status) {
        entries.put(workflowId + "\u0000" + node, new Entry(workflowId, node, type, status));
    }

    public void clear(String workflowId) {
        entries.keySet().removeIf(k -> k.startsWith(workflowId + "\u0000"));
    }

    public List<Entry> of(String workflowId) {
        return entries.values().stream()
                .filter(e -> e.workflowId().equals(workflowId))
                .toList();
    }
}
