package io.hearth.nodes.homeassistant.client;

import io.hearth.node.credential.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Home Assistant's WebSocket API ({@code /api/websocket}) as plain message handling, independent of
 * any transport: encoding of {@code auth} and command messages, decoding of frames (single messages
 * or coalesced arrays), the authentication handshake as a small state machine, and command ids.
 * <p>
 * Flow: the server sends {@code auth_required}; the client answers {@code {"type":"auth","access_token":...}};
 * the server answers {@code auth_ok} (with {@code ha_version}) or {@code auth_invalid}. Every later
 * client message carries a unique increasing {@code id}; answers are {@code {"id", "type":"result",
 * "success", "result"|"error":{code,message}}} and subscription events {@code {"id","type":"event","event"}}.
 * <p>
 * Used by {@link HaSession}, one physical socket (one {@link Handshake} and one {@link Ids} each).
 */
public final class HaWebSocketProtocol {

    public static final String PATH = "/api/websocket";

    private HaWebSocketProtocol() {}

    /** The {@code auth} message. Its text contains the token: never log it. */
    public static String encodeAuth(Secret token) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "auth");
        m.put("access_token", token.reveal());
        return Json.write(m);
    }

    /** A command with its id, e.g. {@code {"id": 3, "type": "config/area_registry/list"}}. */
    public static String encodeCommand(long id, Map<String, Object> command) {
        if (!(command.get("type") instanceof String type) || type.isBlank()) {
            throw new IllegalArgumentException("a command needs a 'type'");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        command.forEach((k, v) -> {
            if (!"id".equals(k)) {
                m.put(k, v);
            }
        });
        return Json.write(m);
    }

    /** One frame's messages: HA may coalesce several into a JSON array. */
    public static List<Message> decode(String frame) {
        Object parsed;
        try {
            parsed = Json.parse(frame);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Home Assistant sent a WebSocket message that is not JSON: " + e.getMessage(), e);
        }
        List<Message> out = new ArrayList<>();
        if (parsed instanceof List<?> list) {
            for (Object o : list) {
                out.add(Message.of(Json.asObject(o)));
            }
        } else {
            out.add(Message.of(Json.asObject(parsed)));
        }
        return out;
    }

    /**
     * One decoded server message.
     *
     * @param type   the {@code type} field ({@code auth_required}, {@code result}, {@code event}, {@code pong}, ...)
     * @param id     the command id it answers, if any
     * @param fields every field
     */
    public record Message(String type, Optional<Long> id, Map<String, Object> fields) {

        static Message of(Map<String, Object> fields) {
            Object id = fields.get("id");
            return new Message(
                    Json.asString(fields.get("type")),
                    id instanceof Number n ? Optional.of(n.longValue()) : Optional.empty(),
                    fields);
        }

        public boolean isResult() {
            return "result".equals(type);
        }

        public boolean success() {
            return Boolean.TRUE.equals(fields.get("success"));
        }

        public Object result() {
            return fields.get("result");
        }

        /** The error code of a failed result ({@code not_found}, {@code unauthorized}, ...), empty string if none. */
        public String errorCode() {
            return Json.asString(Json.asObject(fields.get("error")).get("code"));
        }

        public String errorMessage() {
            return Json.asString(Json.asObject(fields.get("error")).get("message"));
        }
    }

    /** Increasing command ids for one connection (HA rejects reused or decreasing ids). */
    public static final class Ids {
        private final AtomicLong next = new AtomicLong(1);

        public long next() {
            return next.getAndIncrement();
        }
    }

    /** The authentication handshake of one connection. */
    public static final class Handshake {

        /** What to do after a message. */
        public sealed interface Step {}

        /** Send this text (the auth message). */
        public record Send(String text) implements Step {}

        /** Authenticated; commands may be sent now. */
        public record Authenticated(String haVersion) implements Step {}

        /** The token was refused ({@code auth_invalid}) or the server broke the protocol. */
        public record Failed(String message, boolean tokenRejected) implements Step {}

        /** Nothing to do. */
        public record Wait() implements Step {}

        private enum State {
            AWAIT_REQUIRED,
            AWAIT_RESULT,
            DONE
        }

        private final Secret token;
        private State state = State.AWAIT_REQUIRED;
        private String haVersion = "";

        public Handshake(Secret token) {
            this.token = token;
        }

        public boolean authenticated() {
            return state == State.DONE;
        }

        public String haVersion() {
            return haVersion;
        }

        public Step onMessage(Message m) {
            return switch (state) {
                case AWAIT_REQUIRED -> {
                    if ("auth_required".equals(m.type())) {
                        state = State.AWAIT_RESULT;
                        haVersion = Json.asString(m.fields().get("ha_version"));
                        yield new Send(encodeAuth(token));
                    }
                    yield new Failed("expected auth_required, got '" + m.type() + "'", false);
                }
                case AWAIT_RESULT ->
                    switch (m.type()) {
                        case "auth_ok" -> {
                            state = State.DONE;
                            if (m.fields().get("ha_version") != null) {
                                haVersion = Json.asString(m.fields().get("ha_version"));
                            }
                            yield new Authenticated(haVersion);
                        }
                        case "auth_invalid" ->
                            new Failed(Json.asString(m.fields().getOrDefault("message", "Invalid access token")), true);
                        default -> new Failed("expected auth_ok or auth_invalid, got '" + m.type() + "'", false);
                    };
                case DONE -> new Wait();
            };
        }
    }
}
