package io.hearth.node.description;

import java.util.Optional;

/**
 * One way to enter a resource locator's value: pick it from a list ({@code list}, loaded by
 * {@code options}) or type it ({@code id}), optionally checked by {@code pattern}.
 */
public record LocatorMode(
        String name,
        String displayName,
        Optional<DynamicOptions> options,
        Optional<String> pattern,
        String placeholder) {

    public static LocatorMode list(String displayName, DynamicOptions options) {
        return new LocatorMode("list", displayName, Optional.of(options), Optional.empty(), "");
    }

    public static LocatorMode id(String displayName, String pattern, String placeholder) {
        return new LocatorMode("id", displayName, Optional.empty(), Optional.ofNullable(pattern), placeholder);
    }
}
