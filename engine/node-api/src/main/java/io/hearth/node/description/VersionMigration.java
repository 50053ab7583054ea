package io.hearth.node.description;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * One step in bringing the parameters of an older type version to the form the node's description
 * declares: renamed parameters, moved values, option values that changed, and the older version's
 * defaults written out where the newer version's defaults differ (n8n leaves parameters at their
 * default out of saved workflows, so each version's defaults are part of the file format).
 * <p>
 * A node whose type version is below {@code upTo} gets this step; steps run in ascending
 * {@code upTo} order, so each only needs to know the form of the version just below it.
 *
 * @param upTo    the first version whose form the step produces
 * @param summary what the step changes, for people reading a node's history
 * @param migrate the step; gets a copy it may change and returns the result
 */
public record VersionMigration(double upTo, String summary, UnaryOperator<Map<String, Object>> migrate) {

    public static VersionMigration upTo(double version, String summary, UnaryOperator<Map<String, Object>> migrate) {
        return new VersionMigration(version, summary, migrate);
    }
}
