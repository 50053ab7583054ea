package io.hearth.nodes.homeassistant.client;

import io.hearth.node.ParameterException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * YAML or JSON (JSON is YAML) typed by a user into a parameter, read into JSON-like Java values. YAML 1.2
 * rules apply, so {@code to: on} is the string {@code "on"} (Home Assistant's own YAML 1.1 loader would
 * read a boolean there).
 */
public final class YamlText {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private YamlText() {}

    /** The value; a {@link ParameterException} on {@code parameter} saying where the text is broken. */
    public static Object parse(String parameter, String text) {
        try {
            return YAML.readValue(text, Object.class);
        } catch (JacksonException e) {
            TokenStreamLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1
                    ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ParameterException(
                    parameter, "is not valid YAML or JSON" + where + ": " + e.getOriginalMessage());
        }
    }
}
