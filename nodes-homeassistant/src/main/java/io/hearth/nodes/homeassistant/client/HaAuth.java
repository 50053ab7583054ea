package io.hearth.nodes.homeassistant.client;

import io.hearth.node.credential.Secret;
import java.util.Objects;

/**
 * How Hearth authenticates to a Home Assistant: with a long-lived access token (the "Home Assistant API"
 * credential), or with the tokens of "Sign in with Home Assistant" (a refresh token that yields
 * short-lived access tokens, see {@link HaTokens}).
 */
public sealed interface HaAuth {

    /** What identifies the credential in client caches (never shown, never logged). */
    String identity();

    /** A long-lived access token, used as it is. */
    record LongLivedToken(Secret token) implements HaAuth {
        public LongLivedToken {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String identity() {
            return "token:" + token.reveal();
        }
    }

    /** The tokens of "Sign in with Home Assistant". */
    record SignIn(SignInTokens tokens) implements HaAuth {
        public SignIn {
            Objects.requireNonNull(tokens, "tokens");
        }

        @Override
        public String identity() {
            return "sign-in:" + tokens.clientId() + ":" + tokens.refreshToken().reveal();
        }
    }
}
