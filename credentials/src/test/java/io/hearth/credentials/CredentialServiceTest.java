package io.hearth.credentials;

import static io.hearth.credentials.TestApiCredential.TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.common.SecretRedactor;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialTestResult;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.FieldError;
import io.hearth.node.credential.Secret;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The service's rules (types, validation, masking, tests); storage itself is covered per database elsewhere. */
class CredentialServiceTest {

    static final MasterKey KEY = MasterKey.of("service-test-key-0123456789abcdef");

    JdbcDataSource dataSource;
    CredentialStore store;
    CredentialService service;

    @BeforeEach
    void setUp() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        CredentialsTable.create(dataSource);
        store = new CredentialStore(dataSource, KEY);
        service = new CredentialService(store, TestApiCredential.REGISTRY);
    }

    @Test
    void anUnknownTypeIsAClearError() {
        assertThatThrownBy(() -> service.create("X", "noSuchApi", Map.of()))
                .isInstanceOf(UnknownCredentialTypeException.class)
                .hasMessage("Unknown credential type 'noSuchApi': no installed plugin provides it");
    }

    @Test
    void normalizeRunsBeforeValidationAndStorage() {
        CredentialView view =
                service.create("Home", TYPE, Map.of("host", "https://ha.local:8443/", "accessToken", "secret-token-1"));

        assertThat(view.values())
                .containsEntry("host", "ha.local")
                .containsEntry("port", 8443)
                .containsEntry("ssl", true);
    }

    @Test
    void fieldErrorsCarryPathsUnderData() {
        assertThatThrownBy(() -> service.create(
                        "",
                        TYPE,
                        Map.of("host", "ha.local/api", "port", 70000, "accessToken", "secret-token-1", "extra", "x")))
                .isInstanceOf(CredentialValidationException.class)
                .satisfies(e -> assertThat(((CredentialValidationException) e).errors())
                        .containsExactlyInAnyOrder(
                                new FieldError("name", "must not be empty"),
                                new FieldError("data.host", "must not contain a path"),
                                new FieldError("data.port", "must be between 1 and 65535"),
                                new FieldError("data.extra", "is not a field of testApi")));
        assertThat(service.list()).isEmpty();
    }

    @Test
    void requiredFieldsMustBeFilledWhenShown() {
        assertThatThrownBy(() -> service.create("Home", TYPE, Map.of("host", " ")))
                .isInstanceOf(CredentialValidationException.class)
                .satisfies(e -> assertThat(((CredentialValidationException) e).errors())
                        .containsExactlyInAnyOrder(
                                new FieldError("data.host", "is required"),
                                new FieldError("data.accessToken", "is required")));

        assertThatThrownBy(() -> service.create(
                        "Home", TYPE, Map.of("host", "ha.local", "accessToken", "t-123", "useProxy", true)))
                .isInstanceOf(CredentialValidationException.class)
                .satisfies(e -> assertThat(((CredentialValidationException) e).errors())
                        .containsExactly(new FieldError("data.proxyUrl", "is required")));
        assertThat(service.create("Home", TYPE, Map.of("host", "ha.local", "accessToken", "t-123", "useProxy", false))
                        .id())
                .isNotBlank();
    }

    @Test
    void validationMessagesNeverEchoASecret() {
        assertThatThrownBy(() -> service.create("Home", TYPE, TestApiCredential.values("ha.local", "has a space")))
                .isInstanceOf(CredentialValidationException.class)
                .hasMessageContaining("data.accessToken: must not contain spaces: '******'")
                .hasMessageNotContaining("has a space");
    }

    @Test
    void theMaskSentOnCreateIsNotStoredAsASecret() {
        assertThatThrownBy(() -> service.create("Home", TYPE, TestApiCredential.values("ha.local", Secret.MASK)))
                .isInstanceOf(CredentialValidationException.class)
                .hasMessageContaining("data.accessToken: is required");
    }

    @Test
    void updateValidatesTheMergedValues() {
        CredentialView created = service.create("Home", TYPE, TestApiCredential.values("ha.local", "secret-token-1"));

        assertThatThrownBy(() -> service.update(created.id(), Map.of("host", "ha.local/x")))
                .isInstanceOf(CredentialValidationException.class);
        assertThat(service.decrypt(created.id()).string("host")).isEqualTo("ha.local");
    }

    @Test
    void aPluginWritesASecretBackOnlyWhileItStillHoldsWhatThePluginRead() {
        CredentialView created = service.create("Home", TYPE, TestApiCredential.values("ha.local", "token-1"));
        CredentialData read = service.decrypt(created.id());

        assertThat(read.writer().replace("accessToken", "token-1", "token-2")).isTrue();
        assertThat(service.decrypt(created.id()).secret("accessToken").reveal()).isEqualTo("token-2");
        assertThat(service.decrypt(created.id()).string("host")).isEqualTo("ha.local");
        // the user changed it meanwhile: the plugin's older view does not overwrite it
        service.update(created.id(), TestApiCredential.values("ha.local", "typed-by-the-user"));
        assertThat(read.writer().replace("accessToken", "token-2", "token-3")).isFalse();
        assertThat(service.decrypt(created.id()).secret("accessToken").reveal()).isEqualTo("typed-by-the-user");
        // only secrets are written back, and only to a credential that exists
        assertThat(read.writer().replace("host", "ha.local", "elsewhere")).isFalse();
        service.delete(created.id());
        assertThat(read.writer().replace("accessToken", "typed-by-the-user", "token-4"))
                .isFalse();
    }

    @Test
    void testOfASavedCredentialTakesOmittedAndMaskedSecretsFromStorage() {
        CredentialView created = service.create("Home", TYPE, TestApiCredential.values("ha.local", "good-token"));

        CredentialTestResult omitted = join(service.test(
                TYPE, Map.of("host", " ha.local ", "port", 8123.0, "ssl", false), Optional.of(created.id())));
        CredentialTestResult masked = join(service.test(TYPE, created.values(), Optional.of(created.id())));

        assertThat(omitted.isOk()).isTrue();
        assertThat(omitted.message()).isEqualTo("Connected to ha.local");
        assertThat(masked.isOk()).isTrue();
    }

    @Test
    void aSavedSecretIsNeverTestedAgainstChangedConnectionValues() {
        RecordingType recording = new RecordingType();
        CredentialService service = new CredentialService(store, name -> Optional.of(recording));
        String id = service.create("Home", TYPE, TestApiCredential.values("ha.local", "good-token"))
                .id();

        for (Map<String, Object> attempt : java.util.List.<Map<String, Object>>of(
                Map.of("host", "evil.example", "port", 80),
                Map.of("host", "evil.example", "port", 8123, "ssl", false, "accessToken", Secret.MASK),
                Map.of("host", "ha.local", "port", 80, "ssl", false),
                Map.of("host", "ha.local", "port", 8123, "ssl", true),
                Map.of("host", "https://evil.example:443", "accessToken", Secret.MASK))) {
            assertThatThrownBy(() -> join(service.test(TYPE, attempt, Optional.of(id))))
                    .as("%s", attempt)
                    .cause()
                    .isInstanceOf(CredentialValidationException.class)
                    .satisfies(e -> assertThat(((CredentialValidationException) e).errors())
                            .extracting(FieldError::field)
                            .containsExactly("data.accessToken"))
                    .hasMessageContaining("must be entered again");
        }
        assertThat(recording.testedHosts).isEmpty();

        CredentialTestResult reentered = join(service.test(
                TYPE, TestApiCredential.values("other.example", "good-token-typed-again"), Optional.of(id)));
        assertThat(reentered.isOk()).isTrue();
        assertThat(recording.testedHosts).containsExactly("other.example");
    }

    @Test
    void anUpdateThatMovesTheCredentialNeedsTheSecretAgain() {
        CredentialView created = service.create("Home", TYPE, TestApiCredential.values("ha.local", "secret-token-1"));

        assertThatThrownBy(() -> service.update(created.id(), Map.of("host", "evil.example")))
                .isInstanceOf(CredentialValidationException.class)
                .hasMessageContaining("data.accessToken: accessToken must be entered again: host changed");
        assertThatThrownBy(() -> service.update(
                        created.id(), Map.of("host", "ha.local", "port", 8124, "accessToken", Secret.MASK)))
                .isInstanceOf(CredentialValidationException.class)
                .hasMessageContaining("port changed");
        assertThat(service.decrypt(created.id()).string("host")).isEqualTo("ha.local");

        service.update(created.id(), Map.of("host", "ha.local", "port", 8123, "useProxy", false));
        service.update(created.id(), Map.of("host", "ha2.local", "accessToken", "secret-token-2"));
        CredentialData moved = service.decrypt(created.id());
        assertThat(moved.string("host")).isEqualTo("ha2.local");
        assertThat(moved.secret("accessToken").reveal()).isEqualTo("secret-token-2");
    }

    @Test
    void lineBreaksAndControlCharactersInSingleLineValuesAreRefusedOnTheirField() {
        assertThatThrownBy(() ->
                        service.create("Home", TYPE, TestApiCredential.values("ha.local", "token\r\nX-Injected: 1")))
                .isInstanceOf(CredentialValidationException.class)
                .satisfies(e -> assertThat(((CredentialValidationException) e).errors())
                        .contains(new FieldError(
                                "data.accessToken", "accessToken must not contain line breaks or control characters")))
                .hasMessageNotContaining("X-Injected");
        assertThatThrownBy(() -> service.create("Home", TYPE, TestApiCredential.values("ha.local\u0000", "token")))
                .isInstanceOf(CredentialValidationException.class)
                .hasMessageContaining("data.host: host must not contain line breaks");
        CredentialView created = service.create("Home", TYPE, TestApiCredential.values("ha.local", "token"));
        assertThatThrownBy(() -> service.update(created.id(), TestApiCredential.values("ha.local", "token\tx")))
                .isInstanceOf(CredentialValidationException.class);
        assertThatThrownBy(() ->
                        join(service.test(TYPE, TestApiCredential.values("ha.local", "good\nX: 1"), Optional.empty())))
                .cause()
                .isInstanceOf(CredentialValidationException.class);
    }

    /** The test type, remembering which hosts it was asked to contact. */
    private static final class RecordingType extends TestApiCredential {
        final java.util.List<String> testedHosts = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<CredentialTestResult> test(CredentialData data) {
            testedHosts.add(data.string("host"));
            return super.test(data);
        }
    }

    @Test
    void testRunsNormalizeAndValidateFirst() {
        CredentialTestResult normalized = join(service.test(
                TYPE, Map.of("host", "https://ha.local:8443", "accessToken", "good-token"), Optional.empty()));
        assertThat(normalized.message()).isEqualTo("Connected to ha.local");

        assertThatThrownBy(() -> join(service.test(
                        TYPE, Map.of("host", "ha.local/x", "accessToken", "good-token"), Optional.empty())))
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(CredentialValidationException.class);
    }

    @Test
    void testResultsAndFailuresHaveTheSecretRedacted() {
        CredentialTestResult rejected =
                join(service.test(TYPE, TestApiCredential.values("ha.local", "bad-token-123"), Optional.empty()));
        CredentialTestResult thrown =
                join(service.test(TYPE, TestApiCredential.values("ha.local", "throw-token-123"), Optional.empty()));

        assertThat(rejected.isOk()).isFalse();
        assertThat(rejected.message()).isEqualTo("Token ****** was rejected");
        assertThat(thrown.status()).isEqualTo(CredentialTestResult.Status.FAILED);
        assertThat(thrown.message()).isEqualTo("java.lang.IllegalStateException: 401 for Bearer ******");
    }

    @Test
    void testOfAnUnknownTypeOrMissingCredentialFailsTheStage() {
        assertThatThrownBy(() -> join(service.test("noSuchApi", Map.of(), Optional.empty())))
                .cause()
                .isInstanceOf(UnknownCredentialTypeException.class);
        assertThatThrownBy(() -> join(service.test(TYPE, Map.of(), Optional.of("missing"))))
                .cause()
                .isInstanceOf(CredentialNotFoundException.class);
    }

    @Test
    void testAgainstASavedCredentialOfAnotherTypeIsRefused() {
        CredentialView created = service.create("Home", TYPE, TestApiCredential.values("ha.local", "good-token"));
        CredentialService twoTypes = new CredentialService(store, name -> Optional.of(new TestApiCredential()));

        assertThatThrownBy(() -> join(twoTypes.test("otherApi", Map.of(), Optional.of(created.id()))))
                .cause()
                .isInstanceOf(CredentialValidationException.class)
                .hasMessageContaining("type");
    }

    @Test
    void aCredentialWhoseTypeIsNoLongerInstalledShowsEveryValueMasked() {
        CredentialView created = service.create("Home", TYPE, TestApiCredential.values("ha.local", "secret-token-1"));
        CredentialService withoutPlugin = new CredentialService(store, name -> Optional.empty());

        CredentialView view = withoutPlugin.get(created.id()).orElseThrow();

        assertThat(view.values())
                .containsOnlyKeys("host", "port", "ssl", "accessToken")
                .allSatisfy((field, value) -> assertThat(value).isEqualTo(Secret.MASK));
        assertThat(withoutPlugin.list()).hasSize(1);
        assertThat(withoutPlugin.delete(created.id())).isTrue();
    }

    @Test
    void decryptOfACredentialWhoseTypeIsNoLongerInstalledIsAClearError() {
        CredentialView created = service.create("Home", TYPE, TestApiCredential.values("ha.local", "secret-token-1"));
        CredentialService withoutPlugin = new CredentialService(store, name -> Optional.empty());

        assertThatThrownBy(() -> withoutPlugin.decrypt(created.id()))
                .isInstanceOf(UnknownCredentialTypeException.class)
                .hasMessageContaining(TYPE);
    }

    @Test
    void decryptMarksTheSecretFieldsForRedaction() {
        CredentialView created = service.create(
                "Home", TYPE, Map.of("host", "ha.local", "accessToken", "secret-token-1", "clientSecret", "client-1"));

        CredentialData data = service.decrypt(created.id());

        assertThat(data.secretFields()).containsExactlyInAnyOrder("accessToken", "clientSecret");
        assertThat(SecretRedactor.forCredentials(java.util.List.of(data)).redact("secret-token-1 / client-1"))
                .isEqualTo("****** / ******");
    }

    @Test
    void aPluginThatThrowsInNormalizeGivesAValidationErrorWithoutTheSecret() {
        CredentialType throwing = new TestApiCredential() {
            @Override
            public CredentialData normalize(CredentialData data) {
                throw new IllegalArgumentException(
                        "cannot parse " + data.secret("accessToken").reveal());
            }
        };
        CredentialService withThrowing = new CredentialService(store, name -> Optional.of(throwing));

        assertThatThrownBy(
                        () -> withThrowing.create("Home", TYPE, TestApiCredential.values("ha.local", "secret-token-1")))
                .isInstanceOf(CredentialValidationException.class)
                .hasMessageContaining("data: cannot be read: java.lang.IllegalArgumentException: cannot parse ******");
    }

    @Test
    void namesAreTrimmedAndLimited() {
        assertThat(service.create("  Home  ", TYPE, TestApiCredential.values("ha.local", "t-123"))
                        .name())
                .isEqualTo("Home");
        assertThatThrownBy(() -> service.create("x".repeat(256), TYPE, TestApiCredential.values("ha.local", "t-123")))
                .isInstanceOf(CredentialValidationException.class)
                .hasMessageContaining("name: must be at most 255");
    }

    private static CredentialTestResult join(CompletionStage<CredentialTestResult> stage) {
        return stage.toCompletableFuture().join();
    }
}
