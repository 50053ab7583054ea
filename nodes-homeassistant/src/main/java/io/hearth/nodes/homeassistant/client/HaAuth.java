package io.hearth.nodes.homeassistant.client;

import io.hearth.node.credential.CredentialWriter;
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

    /**
     * The tokens of "Sign in with Home Assistant", the credential text they were read from, and where a
     * refreshed access token is written back (compare-and-set against that text).
     */
    record SignIn(SignInTokens tokens, String stored, CredentialWriter writer) implements HaAuth {
        public SignIn {
            Objects.requireNonNull(tokens, "tokens");
            Objects.requireNonNull(stored, "stored");
            Objects.requireNonNull(writer, "writer");
        }

        /** Tokens that are not written back anywhere. */
        public SignIn(SignInTokens tokens) {
            this(tokens, tokens.toStored(), CredentialWriter.NONE);
        }

        @Override
        public String identity() {
            return "sign-in:" + tokens.clientId() + ":" + tokens.refreshToken().reveal();
        }
    }
}
