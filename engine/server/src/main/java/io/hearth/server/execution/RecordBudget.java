package io.hearth.server.execution;

import io.hearth.node.Item;
import io.hearth.runtime.execution.DroppedItems;
import io.hearth.runtime.execution.RecordedSize;
import java.util.List;

/** What is left of an execution record's byte budget (the workflow's {@code maxExecutionDataMb}) while it is written. */
final class RecordBudget {
    private long remaining;
    private boolean truncated;

    RecordBudget(long bytes) {
        this.remaining = bytes;
    }

    /** Whether some items were left out: the record says so. */
    boolean truncated() {
        return truncated;
    }

    /** False (and the record marked truncated) for items the runtime or this budget leaves out. */
    boolean fits(List<Item> items) {
        if (items instanceof DroppedItems) {
            truncated = true;
            return false;
        }
        if (items.isEmpty() || remaining == Long.MAX_VALUE) {
            return true;
        }
        long size = RecordedSize.of(items, remaining);
        if (size <= remaining) {
            remaining -= size;
            return true;
        }
        truncated = true;
        return false;
    }
}
