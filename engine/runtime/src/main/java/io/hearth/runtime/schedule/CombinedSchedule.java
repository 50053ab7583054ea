package io.hearth.runtime.schedule;

import io.hearth.node.trigger.TriggerSchedule;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Several rules: the schedule fires at the earliest next time of any of them. */
public record CombinedSchedule(List<TriggerSchedule> rules) implements TriggerSchedule {

    public CombinedSchedule {
        rules = List.copyOf(rules);
    }

    @Override
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime after) {
        Optional<ZonedDateTime> best = Optional.empty();
        for (TriggerSchedule r : rules) {
            Optional<ZonedDateTime> n = r.nextAfter(after);
            if (n.isPresent() && (best.isEmpty() || n.get().isBefore(best.get()))) {
                best = n;
            }
        }
        return best;
    }

    @Override
    public String describe() {
        return rules.stream().map(TriggerSchedule::describe).collect(Collectors.joining("; "));
    }
}
