package io.hearth.runtime.registry;

/** A plugin (or one type inside it) that was refused, with where it came from and why. */
public record PluginFailure(String source, String problem) {

    @Override
    public String toString() {
        return source + ": " + problem;
    }
}
