package io.hearth.nodes.homeassistant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.node.credential.Secret;
import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol.Handshake;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HaWebSocketProtocolTest {

    @Test
    void authenticatesThenReportsVersion() {
        Handshake h = new Handshake(Secret.of("tok"));
        Handshake.Step first =
                h.onMessage(HaWebSocketProtocol.decode("{\"type\":\"auth_required\",\"ha_version\":\"2024.3.3\"}")
                        .getFirst());
        assertThat(first).isInstanceOf(Handshake.Send.class);
        assertThat(Json.parse(((Handshake.Send) first).text()))
                .isEqualTo(Map.of("type", "auth", "access_token", "tok"));
        Handshake.Step ok = h.onMessage(HaWebSocketProtocol.decode("{\"type\":\"auth_ok\",\"ha_version\":\"2024.3.3\"}")
                .getFirst());
        assertThat(ok).isEqualTo(new Handshake.Authenticated("2024.3.3"));
        assertThat(h.authenticated()).isTrue();
    }

    @Test
    void reportsARejectedToken() {
        Handshake h = new Handshake(Secret.of("tok"));
        h.onMessage(HaWebSocketProtocol.decode("{\"type\":\"auth_required\"}").getFirst());
        assertThat(h.onMessage(HaWebSocketProtocol.decode(
                                "{\"type\":\"auth_invalid\",\"message\":\"Invalid access token or password\"}")
                        .getFirst()))
                .isEqualTo(new Handshake.Failed("Invalid access token or password", true));
        assertThat(h.authenticated()).isFalse();
    }

    @Test
    void rejectsAProtocolViolation() {
        Handshake h = new Handshake(Secret.of("tok"));
        assertThat(h.onMessage(HaWebSocketProtocol.decode("{\"type\":\"result\",\"id\":1}")
                        .getFirst()))
                .isInstanceOf(Handshake.Failed.class);
    }

    @Test
    void encodesCommandsWithIdsAndDecodesResults() {
        HaWebSocketProtocol.Ids ids = new HaWebSocketProtocol.Ids();
        assertThat(ids.next()).isEqualTo(1);
        assertThat(Json.parse(HaWebSocketProtocol.encodeCommand(
                        ids.next(), Map.of("type", "config/area_registry/list", "id", 99))))
                .isEqualTo(Map.of("id", 2, "type", "config/area_registry/list"));
        assertThatThrownBy(() -> HaWebSocketProtocol.encodeCommand(3, Map.of()))
                .isInstanceOf(IllegalArgumentException.class);

        List<HaWebSocketProtocol.Message> coalesced = HaWebSocketProtocol.decode(
                "[{\"id\":2,\"type\":\"result\",\"success\":true,\"result\":[1]},"
                        + "{\"id\":3,\"type\":\"result\",\"success\":false,\"error\":{\"code\":\"not_found\",\"message\":\"Nope\"}}]");
        assertThat(coalesced).hasSize(2);
        assertThat(coalesced.get(0).id()).hasValue(2L);
        assertThat(coalesced.get(0).success()).isTrue();
        assertThat(coalesced.get(0).result()).isEqualTo(List.of(1));
        assertThat(coalesced.get(1).errorCode()).isEqualTo("not_found");
        assertThat(HomeAssistantErrors.forCommand("Load areas", coalesced.get(1)))
                .hasMessage("Load areas failed: not found (404): Nope");
    }

    @Test
    void rejectsNonJsonFrames() {
        assertThatThrownBy(() -> HaWebSocketProtocol.decode("hello"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not JSON");
    }
}
