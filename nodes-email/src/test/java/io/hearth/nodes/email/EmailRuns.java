package io.hearth.nodes.email;

import io.hearth.node.Item;
import io.hearth.testkit.NodeTestKit;
import io.hearth.testkit.TestRun;
import io.hearth.testkit.TestWorkflows;
import io.hearth.testsupport.RealSmtpServer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs Send Email as a user does, in a workflow (Manual Trigger → "Send Email") with the real runtime through
 * the node test kit, against the real SMTP server of the test JVM.
 */
final class EmailRuns {

    static final String NODE = "Send Email";

    private EmailRuns() {}

    /**
     * A credential for the plain port, signing in as the server's user, STARTTLS off (the server's certificate
     * is from a test CA: an upgrade would fail the certificate check).
     */
    static Map<String, Object> plainCredential(RealSmtpServer smtp) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("host", smtp.host());
        c.put("port", smtp.port());
        c.put("secure", false);
        c.put("disableStartTls", true);
        c.put("user", smtp.user());
        c.put("password", smtp.password());
        return c;
    }

    static Map<String, Object> with(Map<String, Object> credential, String key, Object value) {
        Map<String, Object> c = new LinkedHashMap<>(credential);
        c.put(key, value);
        return c;
    }

    /** Runs the node with these parameters, saved under {@code type} at {@code version}, on {@code items}. */
    static TestRun run(
            Map<String, Object> credential,
            String type,
            double version,
            Map<String, Object> parameters,
            List<Item> items) {
        NodeTestKit kit = NodeTestKit.builder()
                .credential(SmtpCredentialType.NAME, "smtp1", "SMTP account", credential)
                .timeout(Duration.ofSeconds(90))
                .build();
        return kit.run(workflow(type, version, parameters, false), items);
    }

    /** The newest version (2.1, under n8n's name) on the plain credential of {@code smtp}. */
    static TestRun send(RealSmtpServer smtp, Map<String, Object> parameters, List<Item> items) {
        return run(plainCredential(smtp), SendEmailDescription.N8N_NAME, 2.1, parameters, items);
    }

    static TestRun runContinuingOnFail(
            Map<String, Object> credential, Map<String, Object> parameters, List<Item> items) {
        NodeTestKit kit = NodeTestKit.builder()
                .credential(SmtpCredentialType.NAME, "smtp1", "SMTP account", credential)
                .timeout(Duration.ofSeconds(90))
                .build();
        return kit.run(workflow(SendEmailDescription.NAME, 2.1, parameters, true), items);
    }

    static String workflow(String type, double version, Map<String, Object> parameters, boolean continueOnFail) {
        Map<String, Object> email = new LinkedHashMap<>();
        email.put("name", NODE);
        email.put("type", type);
        email.put("typeVersion", version);
        email.put("parameters", parameters);
        email.put("credentials", Map.of(SmtpCredentialType.NAME, Map.of("id", "smtp1", "name", "SMTP account")));
        if (continueOnFail) {
            email.put("onError", "continueRegularOutput");
        }
        return TestWorkflows.afterManualTrigger(email);
    }
}
