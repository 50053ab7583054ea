package io.hearth.runtime.workflow;

/** One edge: into input {@code index} of node {@code node} (n8n's {@code {node, type, index}}). */
public record Connection(String node, String type, int index) {

    public static Connection main(String node, int index) {
        return new Connection(node, "main", index);
    }
}
