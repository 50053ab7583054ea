package io.hearth.nodes.homeassistant;

import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.resource.HaResource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The declarative description of the Home Assistant node, assembled from its resources: n8n's
 * parameter names and option values (so n8n workflows import unchanged) plus Hearth's additions.
 * <p>
 * As in n8n, {@code operation} is declared once per resource ({@link HaResource#operationParameter()}),
 * each with that resource's options and default and shown only for it; a workflow that leaves the
 * operation out (n8n omits defaults when saving) gets the resource's default from the runtime. The
 * operations come before every field, so a field's operation rule sees the operation of the current
 * resource (the runtime resolves parameters in declaration order). Each resource's fields are shown
 * for exactly its resource/operation pairs.
 */
final class HomeAssistantDescription {

    static final String NAME = "hearth.homeAssistant";
    static final String N8N_ALIAS = "n8n-nodes-base.homeAssistant";

    private HomeAssistantDescription() {}

    static NodeDescription build(List<HaResource> resources) {
        return NodeDescription.builder(NAME)
                .alias(N8N_ALIAS)
                .displayName("Home Assistant")
                // 1: n8n's node; 2: Hearth's (new nodes): only defaults differ (State upsert keeps attributes)
                .versions(1, 2)
                .group(NodeGroup.ACTION)
                .categories("Home Assistant")
                .icon("file:homeassistant.svg")
                .description("Read states, call services, fire events, render templates and more in Home Assistant")
                .subtitle("={{$parameter[\"operation\"] + \": \" + $parameter[\"resource\"]}}")
                .credential(HaCredentials.requirements().get(0))
                .credential(HaCredentials.requirements().get(1))
                .parameters(parameters(resources))
                .documentationUrl("https://developers.home-assistant.io/docs/api/rest/")
                .build();
    }

    private static List<Parameter> parameters(List<HaResource> resources) {
        List<Parameter> p = new ArrayList<>();
        p.add(HaCredentials.parameter().build());
        Option[] resourceOptions = resources.stream()
                .map(r -> Option.of(r.displayName(), r.value()))
                .sorted(Comparator.comparing(Option::name))
                .toArray(Option[]::new);
        p.add(Parameter.options("resource", resourceOptions)
                .displayName("Resource")
                .defaultValue("config")
                .noDataExpression()
                .build());
        resources.forEach(r -> p.add(r.operationParameter()));
        resources.forEach(r -> p.addAll(r.fields()));
        return p;
    }
}
