package io.hearth.nodes.mqtt;

import io.hearth.node.NodeException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The subscription bookkeeping of one {@link MqttConnection}: which subscribers want which topic filters, and what
 * the broker granted on the current connection. Each filter is subscribed once, with the highest QoS any subscriber
 * asked for; a message goes to every subscriber whose filters match its topic. No I/O, and not thread-safe: the
 * connection calls it under its own monitor.
 */
final class MqttSubscriptions {

    private final List<MqttRegistration> registrations = new ArrayList<>();
    /** Filter → the QoS the broker granted on the current connection. */
    private final Map<String, Integer> granted = new HashMap<>();

    void add(MqttRegistration r) {
        registrations.add(r);
    }

    /** Removes a registration; false when it was not there. */
    boolean remove(MqttRegistration r) {
        return registrations.remove(r);
    }

    boolean isEmpty() {
        return registrations.isEmpty();
    }

    /** A copy of the registrations, to call their subscribers outside the bookkeeping. */
    List<MqttRegistration> all() {
        return List.copyOf(registrations);
    }

    /** The registrations that want a message on {@code topic}. */
    List<MqttRegistration> matching(String topic) {
        return registrations.stream().filter(r -> r.wants(topic)).toList();
    }

    /** The filters of a removed registration that no other one uses, no longer counted as granted. */
    List<String> releaseUnshared(MqttRegistration removed) {
        List<String> unneeded = new ArrayList<>();
        for (TopicFilter f : removed.filters()) {
            if (registrations.stream()
                    .noneMatch(
                            o -> o.filters().stream().anyMatch(x -> x.filter().equals(f.filter())))) {
                granted.remove(f.filter());
                unneeded.add(f.filter());
            }
        }
        return unneeded;
    }

    /** What the broker has is unknown (a new or a lost connection): everything is subscribed again. */
    void forgetGranted() {
        granted.clear();
    }

    /** The filters the registrations need beyond what the broker granted (or with a higher QoS), with that QoS. */
    Map<String, Integer> missing() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (MqttRegistration r : registrations) {
            for (TopicFilter f : r.filters()) {
                wanted.merge(f.filter(), f.qos(), Math::max);
            }
        }
        Map<String, Integer> missing = new LinkedHashMap<>();
        wanted.forEach((f, q) -> {
            Integer have = granted.get(f);
            if (have == null || have < q) {
                missing.put(f, q);
            }
        });
        return missing;
    }

    /** Nothing is missing: every registration still waiting is ready. */
    void completeWaiting() {
        registrations.stream()
                .filter(r -> !r.ready().isDone())
                .forEach(r -> r.ready().complete(null));
    }

    /**
     * The broker's answer to a subscribe (SUBACK): the QoS granted per filter, 0x80 for a refusal. A waiting
     * registration with a refused filter fails with {@code refusal} of those filters; one whose filters are all
     * granted is ready.
     */
    void granted(String[] filters, int[] qos, Function<List<String>, NodeException> refusal) {
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < filters.length; i++) {
            int g = qos != null && i < qos.length ? qos[i] : 0x80;
            if (g == 0x80) {
                refused.add(filters[i]);
            } else {
                granted.put(filters[i], g);
            }
        }
        for (MqttRegistration r : registrations) {
            if (r.ready().isDone()) {
                continue;
            }
            List<String> mine = r.filters().stream()
                    .map(TopicFilter::filter)
                    .filter(refused::contains)
                    .toList();
            if (!mine.isEmpty()) {
                r.ready().completeExceptionally(refusal.apply(mine));
            } else if (r.filters().stream().allMatch(f -> granted.containsKey(f.filter()))) {
                r.ready().complete(null);
            }
        }
    }

    /** Subscribing failed: every registration still waiting fails. */
    void failWaiting(Supplier<NodeException> failure) {
        registrations.stream()
                .filter(r -> !r.ready().isDone())
                .forEach(r -> r.ready().completeExceptionally(failure.get()));
    }
}
