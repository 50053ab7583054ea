package io.hearth.credentials;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialTestResult;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.FieldError;
import io.hearth.node.description.Parameter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** A credential type shaped like the Home Assistant one, for tests. */
class TestApiCredential implements CredentialType {

    static final String TYPE = "testApi";
    static final Function<String, Optional<CredentialType>> REGISTRY =
            name -> TYPE.equals(name) ? Optional.of(new TestApiCredential()) : Optional.empty();

    @Override
    public CredentialDescription description() {
        return new CredentialDescription(
                TYPE,
                "Test API",
                List.of(
                        Parameter.string("host").required().build(),
                        Parameter.number("port").defaultValue(8123).build(),
                        Parameter.bool("ssl").build(),
                        Parameter.secret("accessToken").required().build(),
                        Parameter.secret("clientSecret").build(),
                        Parameter.bool("useProxy").build(),
                        Parameter.string("proxyUrl")
                                .required()
                                .show("useProxy", true)
                                .build()),
                Optional.empty(),
                "fa:key");
    }

    /** A host pasted as a URL becomes host, port and ssl. */
    @Override
    public CredentialData normalize(CredentialData data) {
        String host = data.string("host").strip();
        if (host.startsWith("http://") || host.startsWith("https://")) {
            URI uri = URI.create(host);
            data = data.with("host", uri.getHost()).with("ssl", "https".equals(uri.getScheme()));
            if (uri.getPort() > 0) {
                data = data.with("port", uri.getPort());
            }
            return data;
        }
        return data.values().containsKey("host") ? data.with("host", host) : data;
    }

    @Override
    public List<FieldError> validate(CredentialData data) {
        List<FieldError> errors = new ArrayList<>();
        if (data.string("host").contains("/")) {
            errors.add(new FieldError("host", "must not contain a path"));
        }
        long port = data.integer("port").orElse(8123L);
        if (port < 1 || port > 65535) {
            errors.add(new FieldError("port", "must be between 1 and 65535"));
        }
        String token = data.secret("accessToken").reveal();
        if (token.contains(" ")) {
            // A careless plugin echoing the secret: the service must redact it.
            errors.add(new FieldError("accessToken", "must not contain spaces: '" + token + "'"));
        }
        return errors;
    }

    /** OK for tokens starting with "good"; otherwise a failure that (carelessly) quotes the token. */
    @Override
    public CompletionStage<CredentialTestResult> test(CredentialData data) {
        String token = data.secret("accessToken").reveal();
        if (token.startsWith("good")) {
            return CompletableFuture.completedFuture(CredentialTestResult.ok("Connected to " + data.string("host")));
        }
        if (token.startsWith("throw")) {
            return CompletableFuture.failedFuture(new IllegalStateException("401 for Bearer " + token));
        }
        return CompletableFuture.completedFuture(CredentialTestResult.failed("Token " + token + " was rejected"));
    }

    static Map<String, Object> values(String host, String token) {
        return Map.of("host", host, "port", 8123L, "ssl", false, "accessToken", token);
    }
}
