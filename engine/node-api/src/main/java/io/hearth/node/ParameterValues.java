package io.hearth.node;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node's parameters after expression resolution, with declared defaults applied.
 * <p>
 * Names may be paths into collections: {@code "options.fallbackOutput"}. Typed getters coerce the
 * way a user would expect ({@code "5"} is a number, {@code "true"} a boolean) and otherwise throw a
 * {@link ParameterException} that names the parameter.
 */
public interface ParameterValues {

    /** Parameter values backed by a plain JSON-like map (already resolved). Handy in plugin tests. */
    static ParameterValues of(Map<String, Object> values) {
        return new io.hearth.node.internal.MapParameterValues(values);
    }

    /** The raw value (JSON-like), empty if the parameter is absent, hidden or JSON {@code null}. */
    Optional<Object> get(String name);

    /** All visible parameters, as a JSON-like map. */
    Map<String, Object> asMap();

    /** The string value; numbers and booleans are converted; absent gives the empty string. */
    String string(String name);

    /** The string value, throwing if it is absent or blank. */
    String requiredString(String name);

    double number(String name);

    long integer(String name);

    boolean bool(String name);

    /** A collection or JSON parameter as an object; a JSON string is parsed. Absent gives an empty map. */
    Map<String, Object> map(String name);

    /** A list value; a JSON string is parsed, a comma-separated string is split. Absent gives an empty list. */
    List<Object> list(String name);

    /**
     * Entries of a fixed collection group: for {@code fixedCollection("attributes")} with group
     * {@code "attribute"} this returns the list of maps the user added (empty if none).
     */
    List<Map<String, Object>> group(String fixedCollection, String group);
}
