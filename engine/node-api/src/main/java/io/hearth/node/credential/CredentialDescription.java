package io.hearth.node.credential;

import io.hearth.node.description.Parameter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields of a credential type. A field declared with {@link Parameter#secret(String)} is a
 * secret: write-only through the API, encrypted at rest, redacted from logs.
 *
 * @param name             the type name referenced by nodes and workflows, e.g. {@code homeAssistantApi}
 * @param displayName      the name in the editor
 * @param fields           the form fields, in order
 * @param documentationUrl where to read how to obtain the values
 * @param icon             {@code fa:<name>} or {@code file:<resource>}
 */
public record CredentialDescription(
        String name, String displayName, List<Parameter> fields, Optional<String> documentationUrl, String icon) {

    public CredentialDescription {
        Objects.requireNonNull(name, "name");
        displayName = displayName == null ? name : displayName;
        fields = List.copyOf(fields);
        documentationUrl = documentationUrl == null ? Optional.empty() : documentationUrl;
        icon = icon == null ? "fa:key" : icon;
    }

    public List<String> secretFieldNames() {
        return fields.stream().filter(Parameter::isSecret).map(Parameter::name).toList();
    }

    public Optional<Parameter> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }
}
