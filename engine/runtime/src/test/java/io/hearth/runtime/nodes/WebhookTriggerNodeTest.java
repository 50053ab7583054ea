package io.hearth.runtime.nodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.expression.ExpressionEngine;
import io.hearth.node.NodeInfo;
import io.hearth.node.NodeLogger;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.WorkflowInfo;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.trigger.WebhookContext;
import io.hearth.node.trigger.WebhookReceipt;
import io.hearth.node.trigger.WebhookRequest;
import io.hearth.node.trigger.WebhookResponse;
import io.hearth.node.trigger.WebhookSpec;
import io.hearth.runtime.execution.ParameterResolver;
import io.hearth.runtime.workflow.WorkflowNode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WebhookTriggerNodeTest {

    private final WebhookTriggerNode node = new WebhookTriggerNode();

    private record Ctx(WebhookRequest request, ParameterValues parameters, Optional<CredentialData> basic)
            implements WebhookContext {
        @Override
        public NodeInfo node() {
            return new NodeInfo("1", "Webhook", WebhookTriggerNode.TYPE, 2);
        }

        @Override
        public WorkflowInfo workflow() {
            return new WorkflowInfo("w", "w", true, ZoneOffset.UTC);
        }

        @Override
        public Optional<CredentialData> credential(String type) {
            return type.equals(HttpBasicAuthCredential.NAME) ? basic : Optional.empty();
        }

        @Override
        public NodeLogger log() {
            return new NodeLogger() {
                @Override
                public void debug(String m, Object... a) {}

                @Override
                public void info(String m, Object... a) {}

                @Override
                public void warn(String m, Object... a) {}

                @Override
                public void error(String m, Object... a) {}
            };
        }
    }

    private static WebhookRequest request(Map<String, List<String>> headers, WebhookRequest.Body body) {
        return new WebhookRequest(
                "POST", "in", headers, Map.of("q", List.of("1")), Map.of(), body, Optional.of("10.1.2.3"));
    }

    @Test
    void specReadsN8nParameters() {
        WebhookSpec spec = node.spec(ParameterValues.of(
                Map.of("httpMethod", "POST", "path", "/orders/:id/", "responseMode", "responseNode")));
        assertThat(spec.methods()).containsExactly("POST");
        assertThat(spec.path()).isEqualTo("orders/:id");
        assertThat(spec.responseMode()).isEqualTo(WebhookSpec.ResponseMode.RESPOND_NODE);
    }

    /** The spec as activation computes it: the node's parameters resolved for its type version. */
    private WebhookSpec specOf(double typeVersion, Map<String, Object> parameters) {
        var n = WorkflowNode.of("Webhook", "n8n-nodes-base.webhook", parameters).withTypeVersion(typeVersion);
        return node.spec(ParameterResolver.create(new ExpressionEngine(), node, n, Set.of())
                .constantValues());
    }

    @Test
    void version1HasTheResponseCodeAsAParameterVersion2AsAnOption() {
        assertThat(specOf(1.1, Map.of("path", "a", "responseCode", 202)).responseCode())
                .isEqualTo(202);
        assertThat(specOf(
                                2,
                                Map.of(
                                        "path",
                                        "a",
                                        "options",
                                        Map.of("responseCode", Map.of("values", Map.of("responseCode", 201)))))
                        .responseCode())
                .isEqualTo(201);
        assertThat(specOf(
                                2.1,
                                Map.of(
                                        "path",
                                        "a",
                                        "options",
                                        Map.of(
                                                "responseCode",
                                                Map.of(
                                                        "values",
                                                        Map.of("responseCode", "customCode", "customCode", 418)))))
                        .responseCode())
                .isEqualTo(418);
        assertThat(specOf(2.1, Map.of("path", "a")).responseCode()).isEqualTo(200);
    }

    @Test
    void respondingImmediatelyAnswersAsN8nDoes() {
        assertThat(specOf(2, Map.of("path", "a")).receivedBody()).isEqualTo(WebhookSpec.WORKFLOW_WAS_STARTED);
        assertThat(specOf(2, Map.of("path", "a", "options", Map.of("responseData", "success")))
                        .receivedBody())
                .isEqualTo(new WebhookResponse.TextBody("success", "text/html; charset=utf-8"));
        assertThat(specOf(2, Map.of("path", "a", "options", Map.of("noResponseBody", true)))
                        .receivedBody())
                .isEqualTo(new WebhookResponse.NoBody());
    }

    @Test
    void version1sBinaryFileSwitchIsRefusedNotIgnored() {
        assertThatThrownBy(() ->
                        specOf(1, Map.of("httpMethod", "POST", "path", "a", "options", Map.of("binaryData", true))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("options.binaryData")
                .hasMessageContaining("'Binary File' (version 1) is not supported by Hearth");
        assertThat(specOf(1, Map.of("httpMethod", "POST", "path", "a", "options", Map.of("binaryData", false)))
                        .path())
                .isEqualTo("a");
    }

    @Test
    void theLastNodesAnswerCanBeOneProperty() {
        var spec = specOf(
                2,
                Map.of(
                        "path",
                        "a",
                        "responseMode",
                        "lastNode",
                        "options",
                        Map.of("responsePropertyName", "result.total")));
        assertThat(spec.responsePropertyName()).hasValue("result.total");
        assertThat(specOf(2, Map.of("path", "a", "responseMode", "lastNode")).responsePropertyName())
                .isEmpty();
        assertThat(specOf(
                                2,
                                Map.of(
                                        "path",
                                        "a",
                                        "responseMode",
                                        "lastNode",
                                        "responseData",
                                        "firstEntryBinary",
                                        "responseBinaryPropertyName",
                                        "report"))
                        .responseBinaryPropertyName())
                .isEqualTo("report");
    }

    @Test
    void outputsHeadersQueryAndJsonBody() {
        var receipt = node.receive(new Ctx(
                        request(
                                Map.of("content-type", List.of("application/json")),
                                new WebhookRequest.JsonBody(Map.of("n", 21))),
                        ParameterValues.of(Map.of("path", "in")),
                        Optional.empty()))
                .toCompletableFuture()
                .join();
        assertThat(receipt)
                .isInstanceOfSatisfying(
                        WebhookReceipt.Accepted.class,
                        a -> assertThat(a.items().getFirst().json())
                                .containsEntry("body", Map.of("n", 21))
                                .containsEntry("query", Map.of("q", "1"))
                                .containsEntry("headers", Map.of("content-type", "application/json")));
    }

    @Test
    void anAuthenticationHearthDoesNotHaveNeverLetsARequestIn() {
        // n8n's JWT Auth is refused when the workflow is saved; should one reach a webhook anyway, it fails closed
        var params = ParameterValues.of(Map.of("path", "in", "authentication", "jwtAuth"));
        var receipt = node.receive(new Ctx(
                        request(Map.of("authorization", List.of("Bearer x.y.z")), new WebhookRequest.NoBody()),
                        params,
                        Optional.empty()))
                .toCompletableFuture()
                .join();
        assertThat(receipt).isInstanceOfSatisfying(WebhookReceipt.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(500);
            assertThat(r.message()).isEqualTo("Authentication 'jwtAuth' is not supported by Hearth");
        });
    }

    @Test
    void basicAuthRejectsMissingAndWrongCredentials() {
        var cred = Optional.of(new CredentialData(
                HttpBasicAuthCredential.NAME, Map.of("user", "ada", "password", "s3cret!"), Set.of("password")));
        var params = ParameterValues.of(Map.of("path", "in", "authentication", "basicAuth"));
        var missing = node.receive(new Ctx(request(Map.of(), new WebhookRequest.NoBody()), params, cred))
                .toCompletableFuture()
                .join();
        assertThat(missing).isInstanceOfSatisfying(WebhookReceipt.Rejected.class, r -> {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.headers()).containsKey("WWW-Authenticate");
        });
        String wrong = "Basic " + Base64.getEncoder().encodeToString("ada:nope".getBytes(StandardCharsets.UTF_8));
        var denied = node.receive(new Ctx(
                        request(Map.of("authorization", List.of(wrong)), new WebhookRequest.NoBody()), params, cred))
                .toCompletableFuture()
                .join();
        assertThat(denied)
                .isInstanceOfSatisfying(
                        WebhookReceipt.Rejected.class,
                        r -> assertThat(r.status()).isEqualTo(403));
        String right = "Basic " + Base64.getEncoder().encodeToString("ada:s3cret!".getBytes(StandardCharsets.UTF_8));
        var ok = node.receive(new Ctx(
                        request(Map.of("authorization", List.of(right)), new WebhookRequest.NoBody()), params, cred))
                .toCompletableFuture()
                .join();
        assertThat(ok).isInstanceOf(WebhookReceipt.Accepted.class);
    }

    @Test
    void ipWhitelistAcceptsCidrRanges() {
        var params = ParameterValues.of(
                Map.of("path", "in", "options", Map.of("ipWhitelist", "192.168.0.0/16, 10.0.0.0/8")));
        var ok = node.receive(new Ctx(request(Map.of(), new WebhookRequest.NoBody()), params, Optional.empty()))
                .toCompletableFuture()
                .join();
        assertThat(ok).isInstanceOf(WebhookReceipt.Accepted.class);
        var other = ParameterValues.of(Map.of("path", "in", "options", Map.of("ipWhitelist", "192.168.0.0/16")));
        var denied = node.receive(new Ctx(request(Map.of(), new WebhookRequest.NoBody()), other, Optional.empty()))
                .toCompletableFuture()
                .join();
        assertThat(denied).isInstanceOf(WebhookReceipt.Rejected.class);
    }

    @Test
    void uploadedFilesBecomeBinary() {
        var file = io.hearth.node.BinaryData.of(new byte[] {1, 2, 3}, "image/png", "dot.png");
        var receipt = node.receive(new Ctx(
                        request(
                                Map.of(),
                                new WebhookRequest.MultipartBody(Map.of("title", List.of("hi")), Map.of("file", file))),
                        ParameterValues.of(Map.of("path", "in")),
                        Optional.empty()))
                .toCompletableFuture()
                .join();
        assertThat(receipt).isInstanceOfSatisfying(WebhookReceipt.Accepted.class, a -> {
            assertThat(a.items().getFirst().binary()).containsEntry("data", file);
            assertThat(a.items().getFirst().json()).containsEntry("body", Map.of("title", "hi"));
        });
    }
}
