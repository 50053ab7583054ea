package io.hearth.nodes.homeassistant;

import io.hearth.node.NodeException;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.DisplayOptions;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HaConnectionSettings;
import io.hearth.nodes.homeassistant.credential.HomeAssistantApiCredentialType;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which credential a Home Assistant node (action or trigger) uses: its {@code authentication} parameter
 * chooses between a long-lived access token ("Home Assistant API", n8n's credential and the default, so n8n
 * workflows import unchanged) and "Sign in with Home Assistant" ("Home Assistant (Sign in)").
 */
final class HaCredentials {

    static final String PARAMETER = "authentication";
    static final String ACCESS_TOKEN = "accessToken";
    static final String SIGN_IN = "signIn";

    private HaCredentials() {}

    static Parameter.Builder parameter() {
        return Parameter.options(
                        PARAMETER,
                        Option.of("Access Token", ACCESS_TOKEN, "A long-lived access token made in Home Assistant"),
                        Option.of(
                                "Sign in with Home Assistant",
                                SIGN_IN,
                                "Sign in on Home Assistant's page; Hearth keeps and refreshes the tokens"))
                .displayName("Authentication")
                .defaultValue(ACCESS_TOKEN)
                .noDataExpression();
    }

    static List<CredentialRequirement> requirements() {
        return List.of(
                CredentialRequirement.when(
                        HomeAssistantApiCredentialType.NAME, DisplayOptions.show(PARAMETER, ACCESS_TOKEN)),
                CredentialRequirement.when(
                        HaConnectionSettings.SIGN_IN_CREDENTIAL, DisplayOptions.show(PARAMETER, SIGN_IN)));
    }

    /** The credential the chosen authentication names (the other type when only that one is referenced). */
    static CredentialData of(String authentication, Function<String, Optional<CredentialData>> credential) {
        String wanted = SIGN_IN.equals(authentication)
                ? HaConnectionSettings.SIGN_IN_CREDENTIAL
                : HomeAssistantApiCredentialType.NAME;
        return credential
                .apply(wanted)
                .orElseThrow(() -> new NodeException(
                        "No Home Assistant credential selected",
                        SIGN_IN.equals(authentication)
                                ? "Select or create a 'Home Assistant (Sign in)' credential on the node and sign in."
                                : "Select or create a 'Home Assistant API' credential on the node.",
                        null));
    }
}
