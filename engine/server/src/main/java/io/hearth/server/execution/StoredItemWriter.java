package io.hearth.server.execution;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/**
 * Items and plain JSON values in the stored form of {@link ExecutionCodec}:
 * {@code {"json": {...}, "binary": {"data": {"mimeType", "fileName", "fileSize", "data": base64}}, "pairedItem": [...]}}.
 */
final class StoredItemWriter {

    private StoredItemWriter() {}

    static void items(JsonGenerator g, List<Item> items) {
        g.writeStartArray();
        for (Item i : items) {
            g.writeStartObject();
            g.writeName("json");
            json(g, i.json());
            if (!i.binary().isEmpty()) {
                g.writeName("binary");
                g.writeStartObject();
                for (Map.Entry<String, BinaryData> e : i.binary().entrySet()) {
                    BinaryData b = e.getValue();
                    g.writeName(e.getKey());
                    g.writeStartObject();
                    g.writeName("mimeType");
                    g.writeString(b.mimeType());
                    if (b.fileName().isPresent()) {
                        g.writeName("fileName");
                        g.writeString(b.fileName().get());
                    }
                    g.writeName("fileSize");
                    g.writeNumber(b.size());
                    g.writeName("data");
                    g.writeString(Base64.getEncoder().encodeToString(b.data()));
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            if (!i.pairedItems().isEmpty()) {
                g.writeName("pairedItem");
                g.writeStartArray();
                for (var p : i.pairedItems()) {
                    g.writeStartObject();
                    g.writeName("item");
                    g.writeNumber(p.item());
                    g.writeName("input");
                    g.writeNumber(p.input());
                    if (p.run().isPresent()) {
                        g.writeName("run");
                        g.writeNumber(p.run().getAsInt());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Item JSON is plain maps, lists, strings, numbers and booleans; anything else goes through Jackson. */
    static void json(JsonGenerator g, Object value) {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeName(String.valueOf(e.getKey()));
                    json(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) {
                    json(g, o);
                }
                g.writeEndArray();
            }
            case Boolean b -> g.writeBoolean(b);
            case Integer n -> g.writeNumber(n);
            case Long n -> g.writeNumber(n);
            case Double n -> g.writeNumber(n);
            case BigDecimal n -> g.writeNumber(n);
            case BigInteger n -> g.writeNumber(n);
            default -> g.writePOJO(value);
        }
    }

    static void nullable(JsonGenerator g, Optional<String> value) {
        if (value.isPresent()) {
            g.writeString(value.get());
        } else {
            g.writeNull();
        }
    }
}
