package io.hearth.nodes.homeassistant.client;

import io.hearth.node.credential.CredentialData;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@link HomeAssistantClient} per credential, keyed by a fingerprint of the credential's values
 * (a changed token or TLS setting gives a new client; the old one is closed when evicted). Bounded:
 * the least recently used client beyond {@code maxClients} is closed. Owned by a node instance, so
 * there is no static state.
 */
public final class HomeAssistantClients implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HomeAssistantClients.class);

    private final HomeAssistantClient.Options options;
    private final Map<String, HomeAssistantClient> clients;

    public HomeAssistantClients(HomeAssistantClient.Options options, int maxClients) {
        this.options = options;
        this.clients = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, HomeAssistantClient> eldest) {
                if (size() > maxClients) {
                    LOG.debug("closing least recently used {}", eldest.getValue());
                    eldest.getValue().close();
                    return true;
                }
                return false;
            }
        };
    }

    public HomeAssistantClients() {
        this(HomeAssistantClient.Options.DEFAULT, 64);
    }

    /** The client for this credential, created on first use. */
    public HomeAssistantClient forCredential(CredentialData credential) {
        return forSettings(HaConnectionSettings.fromCredential(credential));
    }

    public synchronized HomeAssistantClient forSettings(HaConnectionSettings settings) {
        return clients.computeIfAbsent(settings.fingerprint(), k -> {
            LOG.debug("new Home Assistant client for {}", settings);
            return HomeAssistantClient.create(settings, options);
        });
    }

    public synchronized int size() {
        return clients.size();
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(HomeAssistantClient::close);
        clients.clear();
    }
}
