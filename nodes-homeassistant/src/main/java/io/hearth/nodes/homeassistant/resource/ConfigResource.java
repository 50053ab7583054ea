package io.hearth.nodes.homeassistant.resource;

import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import java.util.List;

/** Config: the core configuration ({@code GET /api/config}) and a configuration check. */
public final class ConfigResource implements HaResource {

    static HaRequest getRequest() {
        return HaRequest.get("Get configuration", "/api/config");
    }

    static HaRequest checkRequest() {
        return HaRequest.post("Check configuration", "/api/config/core/check_config", null)
                .asAdminOnly();
    }

    @Override
    public String value() {
        return "config";
    }

    @Override
    public String displayName() {
        return "Config";
    }

    @Override
    public List<HaOperation> operations() {
        return List.of(
                new HaOperation(
                        "get",
                        "Get",
                        "Get the configuration",
                        in -> in.api().send(getRequest()).map(HaResponse::json).map(j -> Results.items(j, "config"))),
                new HaOperation(
                        "check",
                        "Check Configuration",
                        "Check the configuration",
                        in -> in.api()
                                .send(checkRequest())
                                .map(HaResponse::json)
                                .map(j -> Results.items(j, "result"))));
    }
}
