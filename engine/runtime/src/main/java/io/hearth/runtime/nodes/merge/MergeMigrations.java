package io.hearth.runtime.nodes.merge;

import io.hearth.node.description.VersionMigration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Merge's parameters across n8n's type versions (packages/nodes-base/nodes/Merge at 5fbc8d1f):
 * <ul>
 * <li>v1: modes append, keepKeyMatches, mergeByIndex (join: left by default), mergeByKey (overwrite:
 *     always by default), multiplex, passThrough (output: input1 by default), removeKeyMatches, wait.
 *     Only append lives on; the others keep their version 1 behaviour ({@link MergeV1Modes}).</li>
 * <li>v2.0: combine by {@code combinationMode} (mergeByFields by default, mergeByPosition, multiplex);
 *     fields to match only as {@code mergeByFields.values[{field1, field2}]}, each of which must be
 *     present in its input; clash values {@code preferInput1}, {@code preferInput2}, {@code addSuffix};
 *     choose branch with {@code chooseBranchMode} waitForBoth and {@code output} input1, input2 or empty.</li>
 * <li>v2.1: the fields to match need not be present.</li>
 * <li>v3: {@code combineBy} (combineByFields, combineByPosition, combineAll), "Fields To Match Have
 *     Different Names" ({@code advanced}) with {@code fieldsToMatchString} when off, {@code preferLast}
 *     for "prefer input 2", up to 10 inputs, choose branch by input number; merge by position no longer
 *     appends both inputs when one is empty. v3.1 and v3.2 change only the SQL Query mode.</li>
 * </ul>
 */
final class MergeMigrations {

    private MergeMigrations() {}

    private static final Set<String> V1_ONLY_MODES = Set.of(
            "keepKeyMatches", "mergeByIndex", "mergeByKey", "multiplex", "passThrough", "removeKeyMatches", "wait");

    static final List<VersionMigration> STEPS = List.of(
            VersionMigration.upTo(
                    2,
                    "version 1's own modes keep their defaults (join left, overwrite always, output input 1)",
                    MergeMigrations::v1Defaults),
            VersionMigration.upTo(
                    2.1,
                    "merge by fields no longer requires each field to be present in its input",
                    MergeMigrations::fieldsNeedNotBePresent),
            VersionMigration.upTo(
                    3,
                    "combinationMode becomes combineBy, prefer input 2 becomes prefer last, choose branch by input"
                            + " number",
                    MergeMigrations::v2ToV3));

    static Map<String, Object> v1Defaults(Map<String, Object> p) {
        if (!(p.get("mode") instanceof String mode) || !V1_ONLY_MODES.contains(mode)) {
            return p;
        }
        Map<String, Object> out = new LinkedHashMap<>(p);
        out.putIfAbsent("join", "left");
        out.putIfAbsent("propertyName1", "");
        out.putIfAbsent("propertyName2", "");
        out.putIfAbsent("overwrite", "always");
        // "output" now belongs to Choose Branch
        Object output = out.containsKey("output") ? out.remove("output") : "input1";
        out.put(MergeV1Modes.PASS_THROUGH_OUTPUT, output);
        return out;
    }

    static Map<String, Object> fieldsNeedNotBePresent(Map<String, Object> p) {
        if ("combine".equals(p.get("mode"))
                && "mergeByFields".equals(p.getOrDefault("combinationMode", "mergeByFields"))) {
            Map<String, Object> out = new LinkedHashMap<>(p);
            out.put(MergeNode.REQUIRE_MATCH_FIELDS, true);
            return out;
        }
        return p;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> v2ToV3(Map<String, Object> p) {
        Map<String, Object> out = new LinkedHashMap<>(p);
        Object mode = p.getOrDefault("mode", "append");
        if ("combine".equals(mode)) {
            Object combination = out.containsKey("combinationMode") ? out.remove("combinationMode") : "mergeByFields";
            switch (String.valueOf(combination)) {
                case "mergeByPosition" -> {
                    out.put("combineBy", "combineByPosition");
                    out.put(MergeNode.APPEND_WHEN_AN_INPUT_IS_EMPTY, true);
                }
                case "multiplex" -> out.put("combineBy", "combineAll");
                case "mergeByFields" -> {
                    out.put("combineBy", "combineByFields");
                    out.put("advanced", true);
                }
                default -> out.put("combineBy", combination); // refused as not one of Combine By's values
            }
        }
        if ("chooseBranch".equals(mode)) {
            Object waitFor = out.getOrDefault("chooseBranchMode", "waitForBoth");
            out.put("chooseBranchMode", "waitForBoth".equals(waitFor) ? "waitForAll" : waitFor);
            Object output = out.getOrDefault("output", "input1");
            switch (String.valueOf(output)) {
                case "input1" -> {
                    out.put("output", "specifiedInput");
                    out.put("useDataOfInput", 1);
                }
                case "input2" -> {
                    out.put("output", "specifiedInput");
                    out.put("useDataOfInput", 2);
                }
                default -> out.put("output", output);
            }
        }
        if (out.get("options") instanceof Map<?, ?> options
                && options.get("clashHandling") instanceof Map<?, ?> clash
                && clash.get("values") instanceof Map<?, ?> values
                && "preferInput2".equals(values.get("resolveClash"))) {
            Map<String, Object> v = new LinkedHashMap<>((Map<String, Object>) values);
            v.put("resolveClash", Clash.PREFER_LAST);
            Map<String, Object> c = new LinkedHashMap<>((Map<String, Object>) clash);
            c.put("values", v);
            Map<String, Object> o = new LinkedHashMap<>((Map<String, Object>) options);
            o.put("clashHandling", c);
            out.put("options", o);
        }
        return out;
    }
}
