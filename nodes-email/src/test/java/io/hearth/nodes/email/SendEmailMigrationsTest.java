package io.hearth.nodes.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SendEmailMigrationsTest {

    @Test
    void versionOneMovesCcBccAndAttachmentsIntoOptionsAndSendsBothBodies() {
        Map<String, Object> v2 = SendEmailMigrations.v1ToV2(Map.of(
                "fromEmail", "a@example.com",
                "ccEmail", "c@example.com",
                "bccEmail", "",
                "attachments", "data",
                "options", Map.of("replyTo", "r@example.com")));
        assertThat(v2)
                .doesNotContainKeys("ccEmail", "bccEmail", "attachments")
                .containsEntry("emailFormat", "both")
                .containsEntry(
                        "options",
                        Map.of("replyTo", "r@example.com", "ccEmail", "c@example.com", "attachments", "data"));
    }

    @Test
    void versionTwoWritesOutItsDefaultsTextAndNoAttribution() {
        assertThat(SendEmailMigrations.v2ToV21(Map.of("toEmail", "a@example.com")))
                .containsEntry("emailFormat", "text")
                .containsEntry("options", Map.of("appendAttribution", false));
    }

    @Test
    void versionTwoKeepsWhatWasSet() {
        assertThat(SendEmailMigrations.v2ToV21(
                        Map.of("emailFormat", "html", "options", Map.of("appendAttribution", true))))
                .containsEntry("emailFormat", "html")
                .containsEntry("options", Map.of("appendAttribution", true));
    }

    @Test
    void attachmentNamesAreTrimmedCommaSeparatedOrAList() {
        assertThat(SendEmailNode.attachmentNames(java.util.Optional.of("  file1  ,  file2  ")))
                .containsExactly("file1", "file2");
        assertThat(SendEmailNode.attachmentNames(java.util.Optional.of(java.util.List.of("a", "b"))))
                .containsExactly("a", "b");
        assertThat(SendEmailNode.attachmentNames(java.util.Optional.empty())).isEmpty();
    }
}
