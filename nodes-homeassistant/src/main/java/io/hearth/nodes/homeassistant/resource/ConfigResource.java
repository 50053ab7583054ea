package io.hearth.nodes.homeassistant.resource;

import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;

/** Config: the core configuration ({@code GET /api/config}) and a configuration check. */
public final class ConfigResource {

    private ConfigResource() {}

    public static HaResource resource() {
        return HaResource.builder("config", "Config")
                .operation(
                        "get",
                        "Get",
                        "Get the configuration",
                        in -> in.api().send(getRequest()).map(HaResponse::json).map(j -> Results.items(j, "config")))
                .operation(
                        "check",
                        "Check Configuration",
                        "Check the configuration",
                        in -> in.api()
                                .send(checkRequest())
                                .map(HaResponse::json)
                                .map(j -> Results.items(j, "result")))
                .build();
    }

    static HaRequest getRequest() {
        return HaRequest.get("Get configuration", "/api/config");
    }

    static HaRequest checkRequest() {
        return HaRequest.post("Check configuration", "/api/config/core/check_config", null)
                .asAdminOnly();
    }
}
