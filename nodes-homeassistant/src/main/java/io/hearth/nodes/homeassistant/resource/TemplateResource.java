package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HaRequest;
import java.util.Map;

/** Template: renders a Jinja template on Home Assistant ({@code POST /api/template}) into {@code {renderedTemplate}}. */
public final class TemplateResource {

    private TemplateResource() {}

    public static HaResource resource() {
        return HaResource.builder("template", "Template")
                .operation(
                        "create",
                        "Create",
                        "Create a template",
                        in -> in.api()
                                .send(renderRequest(in.params()))
                                .map(r -> Results.one(Results.wrap("renderedTemplate", r.text()))))
                .field(
                        Parameter.text("template", 4)
                                .displayName("Template")
                                .required()
                                .placeholder("{{ states('sensor.outside_temperature') }}")
                                .description("A Home Assistant (Jinja) template"),
                        "create")
                .build();
    }

    static HaRequest renderRequest(ParameterValues params) {
        String template = params.string("template");
        if (template.isBlank()) {
            throw new ParameterException("template", "is required");
        }
        return HaRequest.post("Render template", "/api/template", Map.of("template", template))
                .asAdminOnly();
    }
}
