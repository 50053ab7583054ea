package io.hearth.runtime.execution;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import java.util.List;
import java.util.Map;

/**
 * About how many bytes items take in an execution record (JSON, binary data as base64), counted
 * without writing them. Counting stops soon after a bound is passed, so 100 items that share one
 * 9 MB string cost a few steps, not 900 MB of encoding.
 */
public final class RecordedSize {

    private static final int ITEM_OVERHEAD = 12; // {"json":...}, and the comma
    private static final int BINARY_OVERHEAD = 64; // mimeType, fileName, fileSize, the keys
    private static final int PAIRED_ITEM = 24;
    private static final int NUMBER = 18; // a double's digits

    private long total;
    private final long stopAbove;

    private RecordedSize(long stopAbove) {
        this.stopAbove = stopAbove;
    }

    /** The size of {@code items}, or some number above {@code stopAbove} once it is clear they are larger. */
    public static long of(List<Item> items, long stopAbove) {
        RecordedSize size = new RecordedSize(stopAbove);
        size.items(items);
        return size.total;
    }

    /** The size of one JSON value, or some number above {@code stopAbove}. */
    public static long ofValue(Object value, long stopAbove) {
        RecordedSize size = new RecordedSize(stopAbove);
        size.value(value);
        return size.total;
    }

    /** The size of the outputs of one node run, or some number above {@code stopAbove}. */
    public static long ofOutputs(List<List<Item>> outputs, long stopAbove) {
        RecordedSize size = new RecordedSize(stopAbove);
        for (List<Item> output : outputs) {
            size.items(output);
            if (size.total > stopAbove) {
                break;
            }
        }
        return size.total;
    }

    private void items(List<Item> items) {
        total += 2;
        for (Item item : items) {
            total += ITEM_OVERHEAD + item.pairedItems().size() * PAIRED_ITEM;
            value(item.json());
            for (Map.Entry<String, BinaryData> e : item.binary().entrySet()) {
                BinaryData b = e.getValue();
                total += BINARY_OVERHEAD
                        + e.getKey().length()
                        + b.mimeType().length()
                        + b.fileName().map(String::length).orElse(0)
                        + (b.size() + 2) / 3 * 4;
            }
            if (total > stopAbove) {
                return;
            }
        }
    }

    private void value(Object value) {
        switch (value) {
            case null -> total += 4;
            case String s -> total += s.length() + 2;
            case Map<?, ?> m -> {
                total += 2;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    total += String.valueOf(e.getKey()).length() + 4;
                    value(e.getValue());
                    if (total > stopAbove) {
                        return;
                    }
                }
            }
            case List<?> l -> {
                total += 2;
                for (Object o : l) {
                    total += 1;
                    value(o);
                    if (total > stopAbove) {
                        return;
                    }
                }
            }
            case Boolean b -> total += 5;
            case Integer n -> total += digits(n);
            case Long n -> total += digits(n);
            case Double d when d == Math.rint(d) && Math.abs(d) < 1e15 -> total += digits(d.longValue()) + 2;
            default -> total += NUMBER;
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
