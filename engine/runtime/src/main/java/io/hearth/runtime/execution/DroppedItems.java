package io.hearth.runtime.execution;

import io.hearth.node.Item;
import java.util.AbstractList;
import java.util.List;

/**
 * In a node run's record, a list of items left out because the execution's data went past its
 * limit ({@code executionDataOverflow: truncate}). It reads as empty and remembers how many items
 * it stood for; the items themselves went on to the next node and are no longer held.
 */
public final class DroppedItems extends AbstractList<Item> {

    private final int count;

    private DroppedItems(int count) {
        this.count = count;
    }

    public static List<Item> of(List<Item> items) {
        return items instanceof DroppedItems ? items : new DroppedItems(items.size());
    }

    /** How many items the list held. */
    public int count() {
        return count;
    }

    @Override
    public Item get(int index) {
        throw new IndexOutOfBoundsException("the items of this list were left out of the record");
    }

    @Override
    public int size() {
        return 0;
    }
}
