package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.ParameterValues;
import io.hearth.nodes.homeassistant.client.HaRequest;
import java.util.List;
import java.util.Map;

/** Template: renders a Jinja template on Home Assistant ({@code POST /api/template}) into {@code {renderedTemplate}}. */
public final class TemplateResource implements HaResource {

    static HaRequest renderRequest(ParameterValues params) {
        String template = params.string("template");
        if (template.isBlank()) {
            throw new io.hearth.node.ParameterException("template", "is required");
        }
        return HaRequest.post("Render template", "/api/template", Map.of("template", template))
                .asAdminOnly();
    }

    @Override
    public String value() {
        return "template";
    }

    @Override
    public String displayName() {
        return "Template";
    }

    @Override
    public List<HaOperation> operations() {
        return List.of(new HaOperation(
                "create",
                "Create",
                "Create a template",
                in -> in.api()
                        .send(renderRequest(in.params()))
                        .map(r -> Results.one(Results.wrap("renderedTemplate", r.text())))));
    }
}
