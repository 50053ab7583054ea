package io.hearth.uischema;

import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.DynamicOutputs;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * JSON Schemas (draft 2020-12) of node parameters and credential fields, with the hints the
 * editor needs to render the forms generically.
 * <p>
 * Every property carries {@code title}, {@code description}, {@code default}, its value schema
 * (or {@code anyOf: [value schema, {"type":"string","pattern":"^="}]} when an n8n expression may
 * stand in for a value the plain schema would refuse) and an {@code x-ui} object: {@code widget},
 * {@code order}, {@code displayOptions} in n8n's wire format, {@code options} with labels, and so on.
 * The top-level {@code required} lists parameters that are required and always shown; the schema
 * describes a complete parameters object as the editor holds it, while {@link ParameterValidator}
 * also accepts saved workflows that omit parameters left at a non-empty default, as n8n saves them.
 */
public final class NodeSchemas {

    static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

    private NodeSchemas() {}

    /** The schema of a node's {@code parameters} object, with the node's metadata under {@code x-node}. */
    public static Map<String, Object> forNode(NodeDescription d) {
        Map<String, Object> schema =
                objectSchema(d.displayName(), d.description(), d.parameters(), PropertySchemas.forNode());
        schema.put("x-node", nodeMetadata(d));
        return schema;
    }

    /** The schema of a credential's data, with the type's metadata under {@code x-credential}. */
    public static Map<String, Object> forCredential(CredentialDescription d) {
        Map<String, Object> schema = objectSchema(d.displayName(), "", d.fields(), PropertySchemas.forCredential());
        Map<String, Object> meta = JsonTrees.object("name", d.name(), "displayName", d.displayName(), "icon", d.icon());
        d.documentationUrl().ifPresent(url -> meta.put("documentationUrl", url));
        schema.put("x-credential", meta);
        return schema;
    }

    private static Map<String, Object> objectSchema(
            String title, String description, List<Parameter> parameters, PropertySchemas properties) {
        Map<String, Object> schema = JsonTrees.object("$schema", DRAFT, "title", title);
        if (!description.isEmpty()) {
            schema.put("description", description);
        }
        schema.put("type", "object");
        schema.put("properties", properties.properties(parameters));
        List<Object> required = PropertySchemas.required(parameters);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        return schema;
    }

    private static Map<String, Object> nodeMetadata(NodeDescription d) {
        List<Object> versions = new ArrayList<>();
        d.versions().forEach(v -> versions.add(PropertySchemas.number(v)));
        Map<String, Object> meta = JsonTrees.object(
                "name", d.name(),
                "aliases", new ArrayList<Object>(d.aliases()),
                "displayName", d.displayName(),
                "versions", versions,
                "defaultVersion", PropertySchemas.number(d.defaultVersion()),
                "group", d.group().name().toLowerCase(Locale.ROOT),
                "categories", new ArrayList<Object>(d.categories()),
                "icon", d.icon(),
                "description", d.description(),
                "subtitle", d.subtitle(),
                "inputs", portNames(d.inputs()),
                "outputs", portNames(d.outputs()));
        if (!d.keywords().isEmpty()) {
            meta.put("keywords", new ArrayList<Object>(d.keywords()));
        }
        d.dynamicOutputs().ifPresent(o -> meta.put("dynamicOutputs", dynamicOutputs(o)));
        d.dynamicInputs()
                .ifPresent(i -> meta.put(
                        "dynamicInputs",
                        JsonTrees.object("countParameter", i.countParameter(), "labelPrefix", i.labelPrefix())));
        List<Object> credentials = new ArrayList<>();
        d.credentials().forEach(c -> credentials.add(credential(c)));
        meta.put("credentials", credentials);
        d.documentationUrl().ifPresent(url -> meta.put("documentationUrl", url));
        return meta;
    }

    private static List<Object> portNames(List<Port> ports) {
        List<Object> names = new ArrayList<>();
        ports.forEach(p -> names.add(p.displayName()));
        return names;
    }

    private static Map<String, Object> dynamicOutputs(DynamicOutputs o) {
        Map<String, Object> out = JsonTrees.object("groupPath", o.groupPath(), "labelField", o.labelField());
        o.extraWhenParameter().ifPresent(p -> out.put("extraWhenParameter", p));
        o.extraWhenValue().ifPresent(v -> out.put("extraWhenValue", JsonTrees.copy(v)));
        if (o.extraWhenParameter().isPresent()) {
            out.put("extraOutputName", o.extraOutputName());
        }
        if (!o.countParameters().isEmpty()) {
            out.put("countParameters", new java.util.ArrayList<Object>(o.countParameters()));
        }
        return out;
    }

    private static Map<String, Object> credential(CredentialRequirement c) {
        Map<String, Object> out = JsonTrees.object("type", c.type(), "required", c.required());
        if (c.displayOptions() != null && !c.displayOptions().isAlways()) {
            out.put("displayOptions", Wire.displayOptions(c.displayOptions()));
        }
        return out;
    }
}
