package io.hearth.common;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON text to JSON-like Java values and back, for every module outside the plugin SPI: one Jackson configuration.
 * <p>
 * JSON-like values are {@code Map<String, Object>} (in the text's order), {@code List<Object>}, String, Boolean,
 * {@code null} and numbers. Numbers are decoded one way everywhere: a whole number is a {@link Long} (a
 * {@link java.math.BigInteger} past Long's range), any other a {@link Double}. That is what the expression engine, the
 * Code node and the HTTP Request node produce too, so equal numbers from different sources are equal Java values.
 * <p>
 * The server's Spring-managed mapper is built with {@link #configure} as well; code there gets that mapper injected.
 */
public final class Json {

    private static final JsonMapper MAPPER = configure(JsonMapper.builder()).build();

    private Json() {}

    /** Hearth's settings, applied to a builder (the server applies them to Spring Boot's mapper). */
    public static JsonMapper.Builder configure(JsonMapper.Builder builder) {
        return builder.enable(DeserializationFeature.USE_LONG_FOR_INTS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The configured mapper, for streaming and typed reads (the execution codec, the workflow reader). */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses JSON text into JSON-like values.
     *
     * @throws IllegalArgumentException when the text is not JSON; the message says what is wrong and where
     */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(message(e), e);
        }
    }

    /** Parses UTF-8 JSON; see {@link #parse(String)}. */
    public static Object parse(byte[] utf8) {
        return parse(new String(utf8, StandardCharsets.UTF_8));
    }

    /** The parsed value, or empty when the text is blank, not JSON, or JSON {@code null}. */
    public static Optional<Object> tryParse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(MAPPER.readValue(text, Object.class));
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** The text as a JSON object; empty when it is not JSON or not an object. */
    @SuppressWarnings("unchecked")
    public static Optional<Map<String, Object>> tryParseObject(String text) {
        return tryParse(text).filter(Map.class::isInstance).map(v -> (Map<String, Object>) v);
    }

    /** Compact JSON text of a JSON-like value (other values as Jackson writes them). */
    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    public static byte[] writeBytes(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    /** Jackson's own words, with the place in the text but without the excerpt Jackson quotes. */
    public static String message(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        String what = e.getOriginalMessage();
        return at == null || at.getLineNr() < 1
                ? what
                : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
}
