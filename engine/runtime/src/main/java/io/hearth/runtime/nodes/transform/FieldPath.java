package io.hearth.runtime.nodes.transform;

import io.hearth.expression.Undefined;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field name as n8n's data nodes read it ("Disable Dot Notation" off): {@code address.city},
 * {@code tags[0]}, {@code list.1.name}, {@code ["a.b"].c} — lodash's {@code get}/{@code set}/{@code unset}
 * path syntax. A name the object holds as a key as it is ({@code "a.b"} when the item has such a
 * key) is that key.
 * <p>
 * Reads return {@link Undefined#INSTANCE} for a missing value (JSON {@code null} is a value). Writes
 * never change maps or lists reachable from input items: every container on the written path is
 * copied first, so only the root map passed in (which the caller owns) is modified in place.
 */
public final class FieldPath {

    private FieldPath() {}

    /** The value at {@code path}, with dot notation unless {@code literal}. */
    public static Object get(Map<String, Object> json, String path, boolean literal) {
        if (literal || json.containsKey(path)) {
            return json.containsKey(path) ? json.get(path) : Undefined.INSTANCE;
        }
        Object current = json;
        for (String key : parse(path)) {
            current = child(current, key);
            if (current == Undefined.INSTANCE) {
                return current;
            }
        }
        return current;
    }

    public static Object get(Map<String, Object> json, String path) {
        return get(json, path, false);
    }

    /** Sets {@code path} in {@code root} (owned by the caller), creating objects or arrays on the way. */
    public static void set(Map<String, Object> root, String path, Object value, boolean literal) {
        if (literal || root.containsKey(path)) {
            root.put(path, value);
            return;
        }
        List<String> keys = parse(path);
        if (keys.isEmpty()) {
            root.put(path, value);
            return;
        }
        Object container = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            String key = keys.get(i);
            Object next = child(container, key);
            Object copy = next instanceof Map<?, ?> m
                    ? new LinkedHashMap<>(asMap(m))
                    : next instanceof List<?> l
                            ? new ArrayList<Object>(l)
                            : isIndex(keys.get(i + 1)) ? new ArrayList<>() : new LinkedHashMap<String, Object>();
            put(container, key, copy);
            container = copy;
        }
        put(container, keys.getLast(), value);
    }

    public static void set(Map<String, Object> root, String path, Object value) {
        set(root, path, value, false);
    }

    /** Removes {@code path} from {@code root} (owned by the caller); nothing happens when it is absent. */
    public static void unset(Map<String, Object> root, String path, boolean literal) {
        if (literal || root.containsKey(path)) {
            root.remove(path);
            return;
        }
        List<String> keys = parse(path);
        if (keys.isEmpty() || get(root, path) == Undefined.INSTANCE) {
            return;
        }
        Object container = root;
        for (int i = 0; i < keys.size() - 1; i++) {
            Object next = child(container, keys.get(i));
            Object copy =
                    next instanceof Map<?, ?> m ? new LinkedHashMap<>(asMap(m)) : new ArrayList<Object>((List<?>) next);
            put(container, keys.get(i), copy);
            container = copy;
        }
        if (container instanceof Map<?, ?> m) {
            asMap(m).remove(keys.getLast());
        } else if (container instanceof List<?> l) {
            // lodash deletes the array slot, which JSON shows as null
            int index = Integer.parseInt(keys.getLast());
            @SuppressWarnings("unchecked")
            List<Object> list = (List<Object>) l;
            list.set(index, null);
        }
    }

    // lodash's property-path grammar: plain names, [0] / [-1.5] indexes, ["quoted"] names, and empty names between
    // dots.
    private static final Pattern PROPERTY = Pattern.compile(
            "[^.\\[\\]]+|\\[(?:(-?\\d+(?:\\.\\d+)?)|([\"'])((?:(?!\\2)[^\\\\]|\\\\.)*?)\\2)\\]|(?=(?:\\.|\\[\\])(?:\\.|\\[\\]|$))");
    private static final Pattern ESCAPE = Pattern.compile("\\\\(\\\\)?");

    /** The keys of a path: {@code a.b[0]["c.d"]} gives {@code a, b, 0, c.d}. */
    public static List<String> parse(String path) {
        List<String> keys = new ArrayList<>();
        if (!path.isEmpty() && path.charAt(0) == '.') {
            keys.add("");
        }
        Matcher m = PROPERTY.matcher(path);
        while (m.find()) {
            if (m.group(2) != null) {
                keys.add(ESCAPE.matcher(m.group(3)).replaceAll("$1"));
            } else if (m.group(1) != null) {
                keys.add(m.group(1));
            } else {
                keys.add(m.group());
            }
        }
        return keys;
    }

    /** Splits n8n's comma-separated field lists ("email, name"), dropping blanks. */
    public static List<String> list(String commaSeparated) {
        List<String> out = new ArrayList<>();
        for (String part : commaSeparated.split(",", -1)) {
            String t = part.strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }

    private static Object child(Object container, String key) {
        if (container instanceof Map<?, ?> m) {
            return m.containsKey(key) ? m.get(key) : Undefined.INSTANCE;
        }
        if (container instanceof List<?> l) {
            if (key.equals("length")) {
                return l.size();
            }
            if (isIndex(key)) {
                int index = Integer.parseInt(key);
                return index < l.size() ? l.get(index) : Undefined.INSTANCE;
            }
        }
        if (container instanceof String s && key.equals("length")) {
            return s.length();
        }
        return Undefined.INSTANCE;
    }

    @SuppressWarnings("unchecked")
    private static void put(Object container, String key, Object value) {
        if (container instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put(key, value);
        } else if (container instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            if (!isIndex(key)) {
                return; // a named property on an array is not JSON: lodash keeps it off the output too
            }
            int index = Integer.parseInt(key);
            while (list.size() <= index) {
                list.add(null);
            }
            list.set(index, value);
        }
    }

    static boolean isIndex(String key) {
        if (key.isEmpty() || key.length() > 9) {
            return false;
        }
        if (key.equals("0")) {
            return true;
        }
        if (key.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            if (!Character.isDigit(key.charAt(i)) || key.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }
}
