package io.hearth.node.description;

/**
 * A node input or output. All ports carry items ("main" connections in n8n's format); the display
 * name labels the handle in the editor ("true"/"false" on If, "Input 1"/"Input 2" on Merge).
 */
public record Port(String displayName) {

    public static final Port MAIN = new Port("");
}
