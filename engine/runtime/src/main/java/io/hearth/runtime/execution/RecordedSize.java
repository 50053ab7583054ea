package io.hearth.runtime.execution;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.BiConsumer;

/**
 * About how many bytes items take in an execution record (JSON, binary data as base64), counted
 * without writing them. Counting stops soon after a bound is passed, so 100 items that share one
 * 9 MB string cost a few steps, not 900 MB of encoding.
 * <p>
 * An execution counts every node run's output ({@link Ledger}). Items are never changed once a node
 * has output them, so the JSON of an item a node passes on unchanged (Filter, If, Sort, Limit...), or
 * gathers into a list (Aggregate), has the size it had when it was counted as its input: the ledger
 * looks it up instead of walking it again.
 */
public final class RecordedSize implements BiConsumer<Object, Object> {

    private static final int ITEM_OVERHEAD = 12; // {"json":...}, and the comma
    private static final int BINARY_OVERHEAD = 64; // mimeType, fileName, fileSize, the keys
    private static final int PAIRED_ITEM = 24;
    private static final int NUMBER = 18; // a double's digits
    private static final int[] NONE = new int[0];
    // Up to this many entries a map is walked to its end even past the bound (without an iterator).
    private static final int SMALL_MAP = 64;

    private long total;
    private final long stopAbove;
    // The node run's input lists and the JSON size of each of their items, where counted before.
    private final List<List<Item>> inputs;
    private final int[][] inputSizes;

    private RecordedSize(long stopAbove, List<List<Item>> inputs, int[][] inputSizes) {
        this.stopAbove = stopAbove;
        this.inputs = inputs;
        this.inputSizes = inputSizes;
    }

    private RecordedSize(long stopAbove) {
        this(stopAbove, List.of(), new int[0][]);
    }

    /** The size of {@code items}, or some number above {@code stopAbove} once it is clear they are larger. */
    public static long of(List<Item> items, long stopAbove) {
        RecordedSize size = new RecordedSize(stopAbove);
        size.items(items, null);
        return size.total;
    }

    /** The size of one JSON value, or some number above {@code stopAbove}. */
    public static long ofValue(Object value, long stopAbove) {
        RecordedSize size = new RecordedSize(stopAbove);
        size.value(value);
        return size.total;
    }

    /**
     * What one execution has counted: the JSON size of each item of every output recorded in full,
     * by output list (node runs receive those very lists as their inputs). Not thread-safe: used
     * under the execution's lock.
     */
    static final class Ledger {
        private final IdentityHashMap<List<Item>, int[]> jsonSizes = new IdentityHashMap<>();

        /**
         * A node run's outputs counted: their size, or some number above the bound when counting
         * stopped ({@code complete} false).
         */
        // a carrier of bytes, not a value: never compared or hashed, and copying would cost a copy per use
        @SuppressWarnings("ArrayRecordComponent")
        record Count(long bytes, boolean complete, List<List<Item>> outputs, int[][] jsonSizes) {}

        /** Counts {@code outputs}, looking up items that came unchanged from {@code inputs}. */
        Count count(List<List<Item>> inputs, List<List<Item>> outputs, long stopAbove) {
            int[][] known = new int[inputs.size()][];
            for (int i = 0; i < inputs.size(); i++) {
                known[i] = jsonSizes.getOrDefault(inputs.get(i), NONE);
            }
            RecordedSize size = new RecordedSize(stopAbove, inputs, known);
            int[][] counted = new int[outputs.size()][];
            for (int o = 0; o < outputs.size() && size.total <= stopAbove; o++) {
                List<Item> output = outputs.get(o);
                counted[o] = new int[output.size()];
                size.items(output, counted[o]);
            }
            return new Count(size.total, size.total <= stopAbove, outputs, counted);
        }

        /** Remembers the item sizes of a complete count whose run went into the record in full. */
        void keep(Count count) {
            if (!count.complete()) {
                return;
            }
            for (int o = 0; o < count.outputs().size(); o++) {
                if (!count.outputs().get(o).isEmpty()) {
                    jsonSizes.put(count.outputs().get(o), count.jsonSizes()[o]);
                }
            }
        }
    }

    private void items(List<Item> items, int[] jsonSizes) {
        total += 2;
        for (int i = 0, n = items.size(); i < n; i++) {
            Item item = items.get(i);
            total += ITEM_OVERHEAD + item.pairedItems().size() * PAIRED_ITEM;
            long before = total;
            long known = knownItem(item, i);
            if (known >= 0) {
                total += known;
            } else {
                value(item.json());
            }
            if (jsonSizes != null) {
                jsonSizes[i] = (int) Math.min(Integer.MAX_VALUE, total - before);
            }
            if (!item.binary().isEmpty()) {
                binaries(item.binary());
            }
            if (total > stopAbove) {
                return;
            }
        }
    }

    private void binaries(Map<String, BinaryData> binary) {
        for (Map.Entry<String, BinaryData> e : binary.entrySet()) {
            BinaryData b = e.getValue();
            total += BINARY_OVERHEAD
                    + e.getKey().length()
                    + b.mimeType().length()
                    + b.fileName().map(String::length).orElse(0)
                    + (b.size() + 2) / 3 * 4;
        }
    }

    /** The JSON size of an output item whose JSON is an input item's (the one it is paired with, or at its place). */
    private long knownItem(Item item, int position) {
        if (inputSizes.length == 0) {
            return -1;
        }
        if (!item.pairedItems().isEmpty()) {
            Item.PairedItem from = item.pairedItems().getFirst();
            if (from.run().isEmpty()) {
                long size = knownJson(item.json(), from.input(), from.item());
                if (size >= 0) {
                    return size;
                }
            }
        }
        return knownJson(item.json(), 0, position);
    }

    // identity tells whether a value was replaced: copy only on change
    @SuppressWarnings("ReferenceEquality")
    private long knownJson(Object json, int input, int index) {
        if (input >= inputSizes.length) {
            return -1;
        }
        int[] sizes = inputSizes[input];
        if (index < 0 || index >= sizes.length || sizes[index] == Integer.MAX_VALUE) {
            return -1;
        }
        return inputs.get(input).get(index).json() == json ? sizes[index] : -1;
    }

    private void value(Object value) {
        switch (value) {
            case null -> total += 4;
            case String s -> total += s.length() + 2;
            case Map<?, ?> m -> map(m);
            case List<?> l -> list(l);
            case Boolean b -> total += 5;
            case Integer n -> total += digits(n);
            case Long n -> total += digits(n);
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> total += digits(d.longValue()) + 2;
            default -> total += NUMBER;
        }
    }

    private void map(Map<?, ?> m) {
        total += 2;
        if (m.size() <= SMALL_MAP) {
            m.forEach(this); // no iterator: item maps are walked by the hundred thousand
            return;
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            accept(e.getKey(), e.getValue());
            if (total > stopAbove) {
                return;
            }
        }
    }

    /** One entry of a map being walked. */
    @Override
    public void accept(Object key, Object value) {
        if (total > stopAbove) {
            return;
        }
        total += (key instanceof String s ? s.length() : String.valueOf(key).length()) + 4;
        value(value);
    }

    private void list(List<?> l) {
        total += 2;
        if (!(l instanceof RandomAccess)) {
            for (Object o : l) {
                total += 1;
                value(o);
                if (total > stopAbove) {
                    return;
                }
            }
            return;
        }
        for (int i = 0, n = l.size(); i < n; i++) {
            Object o = l.get(i);
            total += 1;
            // A list of the input items' JSON (Aggregate), in their order.
            long known = o instanceof Map<?, ?> ? knownJson(o, 0, i) : -1;
            if (known >= 0) {
                total += known;
            } else {
                value(o);
            }
            if (total > stopAbove) {
                return;
            }
        }
    }

    private static int digits(long n) {
        if (n < 0) {
            return n == Long.MIN_VALUE ? 20 : 1 + digits(-n);
        }
        int d = 1;
        while (n >= 10) {
            n /= 10;
            d++;
        }
        return d;
    }
}
