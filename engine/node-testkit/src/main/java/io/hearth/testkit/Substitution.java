package io.hearth.testkit;

/**
 * A node of a test workflow replaced by pinned data of its output before the run, because Hearth
 * does not have (or the test must not run) its type: n8n's test-only data node, or a node named in
 * the conformance list.
 *
 * @param node   the node's name
 * @param type   its node type in the test workflow
 * @param reason why it was replaced
 */
public record Substitution(String node, String type, String reason) {

    @Override
    public String toString() {
        return "\"" + node + "\" (" + type + ") replaced by pinned data of its output: " + reason;
    }
}
