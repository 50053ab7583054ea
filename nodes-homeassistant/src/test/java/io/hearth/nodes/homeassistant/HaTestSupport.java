package io.hearth.nodes.homeassistant;

import io.hearth.node.credential.CredentialData;
import io.hearth.testsupport.RealHomeAssistant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Shared bits of the integration tests: credentials for the real HA and running the node. */
final class HaTestSupport {

    private HaTestSupport() {}

    static CredentialData credential(RealHomeAssistant ha) {
        return credential(ha, ha.token());
    }

    static CredentialData credential(RealHomeAssistant ha, String token) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("host", ha.host());
        values.put("port", ha.port());
        values.put("ssl", ha.https());
        values.put("accessToken", token);
        return new CredentialData("homeAssistantApi", values, Set.of("accessToken"));
    }

    static CredentialData credential(Map<String, Object> values) {
        return new CredentialData("homeAssistantApi", values, Set.of("accessToken"));
    }

    static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Throwable {
        try {
            return stage.toCompletableFuture().get(90, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    @SafeVarargs
    static Map<String, Object> params(Map.Entry<String, Object>... entries) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : entries) {
            m.put(e.getKey(), e.getValue());
        }
        return m;
    }

    static Map.Entry<String, Object> p(String key, Object value) {
        return Map.entry(key, value);
    }

    static Map<String, Object> attributes(Object... nameValues) {
        java.util.List<Map<String, Object>> list = new java.util.ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            list.add(Map.of("name", nameValues[i], "value", nameValues[i + 1]));
        }
        return Map.of("attributes", list);
    }
}
