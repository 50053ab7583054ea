package io.hearth.nodes.email;

import io.hearth.node.description.VersionMigration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Send Email's parameters across n8n's type versions (packages/nodes-base/nodes/EmailSend at 5fbc8d1f):
 * <ul>
 * <li>v1: CC, BCC and attachments are top-level parameters; text and HTML are both sent when given (no
 *     "Email Format"); never an attribution line.</li>
 * <li>v2: they move into Options; "Email Format" chooses text (the default), HTML or both; the attribution
 *     line only when the option is set.</li>
 * <li>v2.1: "Email Format" defaults to HTML and the attribution line is on unless the option is off.</li>
 * </ul>
 */
final class SendEmailMigrations {

    private SendEmailMigrations() {}

    static final List<VersionMigration> STEPS = List.of(
            VersionMigration.upTo(
                    2,
                    "CC, BCC and attachments move into Options; text and HTML both sent as given",
                    SendEmailMigrations::v1ToV2),
            VersionMigration.upTo(
                    2.1,
                    "version 2's defaults written out: Email Format text, no attribution line",
                    SendEmailMigrations::v2ToV21));

    static Map<String, Object> v1ToV2(Map<String, Object> p) {
        Map<String, Object> out = new LinkedHashMap<>(p);
        Map<String, Object> options = options(out);
        for (String moved : List.of("ccEmail", "bccEmail", "attachments")) {
            Object value = out.remove(moved);
            if (value != null && !"".equals(value)) {
                options.put(moved, value);
            }
        }
        out.put("options", options);
        // v1 passed both bodies to the mailer, which leaves out an empty one; "both" does the same here.
        out.put("emailFormat", "both");
        return out;
    }

    static Map<String, Object> v2ToV21(Map<String, Object> p) {
        Map<String, Object> out = new LinkedHashMap<>(p);
        out.putIfAbsent("emailFormat", "text");
        Map<String, Object> options = options(out);
        options.putIfAbsent("appendAttribution", false);
        out.put("options", options);
        return out;
    }

    private static Map<String, Object> options(Map<String, Object> p) {
        Map<String, Object> options = new LinkedHashMap<>();
        if (p.get("options") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> options.put(String.valueOf(k), v));
        }
        return options;
    }
}
