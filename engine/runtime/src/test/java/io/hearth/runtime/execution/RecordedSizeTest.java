package io.hearth.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The ledger looks up items passed on unchanged and counts what a full walk of them would. */
class RecordedSizeTest {

    private static final long NO_LIMIT = Long.MAX_VALUE / 2;

    private final RecordedSize.Ledger ledger = new RecordedSize.Ledger();

    /** An item's JSON that tells how often it was walked. */
    private static final class WalkedMap extends LinkedHashMap<String, Object> {
        int walks;

        WalkedMap(Map<String, Object> m) {
            super(m);
        }

        @Override
        public void forEach(java.util.function.BiConsumer<? super String, ? super Object> action) {
            walks++;
            super.forEach(action);
        }

        @Override
        public java.util.Set<Map.Entry<String, Object>> entrySet() {
            walks++;
            return super.entrySet();
        }
    }

    private static List<Item> readings(int n) {
        return IntStream.range(0, n)
                .mapToObj(i -> Item.of(new WalkedMap(Map.of("sensor", "sensor." + i, "value", i * 1.5))))
                .toList();
    }

    private static int walks(List<Item> items) {
        return items.stream().mapToInt(i -> ((WalkedMap) i.json()).walks).sum();
    }

    private List<Item> recorded(List<Item> items) {
        RecordedSize.Ledger.Count count = ledger.count(List.of(), List.of(items), NO_LIMIT);
        ledger.keep(count);
        return items;
    }

    @Test
    void itemsPassedOnUnchangedCountAsAFullWalkDoes() {
        List<Item> input = recorded(readings(50));
        List<Item> kept = new ArrayList<>();
        List<Item> discarded = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) {
            (i % 3 == 0 ? kept : discarded).add(input.get(i).pairedWith(i));
        }

        int walked = walks(input);
        RecordedSize.Ledger.Count count = ledger.count(List.of(input), List.of(kept, discarded), NO_LIMIT);

        assertThat(walks(input)).as("looked up, not walked again").isEqualTo(walked);
        assertThat(count.complete()).isTrue();
        assertThat(count.bytes()).isEqualTo(RecordedSize.of(kept, NO_LIMIT) + RecordedSize.of(discarded, NO_LIMIT));
    }

    @Test
    void aListOfTheInputsJsonCountsAsAFullWalkDoes() {
        List<Item> input = recorded(readings(20));
        List<Item> aggregated = List.of(
                Item.of(Map.of("data", input.stream().map(Item::json).toList())).pairedWith(0));

        int walked = walks(input);
        RecordedSize.Ledger.Count count = ledger.count(List.of(input), List.of(aggregated), NO_LIMIT);

        assertThat(walks(input)).as("looked up, not walked again").isEqualTo(walked);
        assertThat(count.bytes()).isEqualTo(RecordedSize.of(aggregated, NO_LIMIT));
    }

    @Test
    void aChangedItemIsWalkedAgain() {
        List<Item> input = recorded(readings(3));
        Map<String, Object> longer = new LinkedHashMap<>(input.get(1).json());
        longer.put("note", "x".repeat(1000));
        List<Item> changed = List.of(
                input.get(0).pairedWith(0), input.get(1).withJson(longer).pairedWith(1));

        RecordedSize.Ledger.Count count = ledger.count(List.of(input), List.of(changed), NO_LIMIT);

        assertThat(count.bytes()).isEqualTo(RecordedSize.of(changed, NO_LIMIT)).isGreaterThan(1000);
    }

    @Test
    void aCountStoppedAtTheBoundIsNotRemembered() {
        List<Item> big = readings(1000);
        RecordedSize.Ledger.Count stopped = ledger.count(List.of(), List.of(big), 500);
        assertThat(stopped.complete()).isFalse();
        assertThat(stopped.bytes()).isGreaterThan(500);
        ledger.keep(stopped);

        // Nothing was remembered of the partial count: the items are walked again, to their full size.
        RecordedSize.Ledger.Count again = ledger.count(List.of(big), List.of(big), NO_LIMIT);
        assertThat(again.bytes()).isEqualTo(RecordedSize.of(big, NO_LIMIT));
    }
}
