package io.hearth.node;

/**
 * An execution went past one of its limits (node runs, items on one output, recorded data). It is
 * not a failure of the node that hit it: it is never retried and it stops the execution whatever
 * the node's on-error setting, so a runaway workflow cannot carry on past its limit.
 */
public final class ExecutionLimitException extends NodeException {

    private final String setting;

    /**
     * @param message what went past which limit, in the user's terms
     * @param setting the workflow setting that raises the limit (as named in the workflow JSON's "settings" object)
     */
    public ExecutionLimitException(String message, String setting) {
        super(message, "If the workflow really needs more, raise the workflow setting " + setting, null);
        this.setting = setting;
    }

    /** The workflow setting that raises this limit. */
    public String setting() {
        return setting;
    }

    /** An output of {@code items} items, more than {@code settings.maxItemsPerOutput} allows. */
    public static ExecutionLimitException tooManyItems(long items, int limit) {
        return items(String.valueOf(items), limit);
    }

    /** An output still being built went past {@code settings.maxItemsPerOutput}. */
    public static ExecutionLimitException moreItemsThan(int limit) {
        return items("more than " + limit, limit);
    }

    /**
     * Data of about {@code bytes} (as JSON) for one node, more than the execution's data limit of {@code limitBytes}
     * ({@code settings.maxExecutionDataMb}); {@code what} says where it came from ("The code returned").
     */
    public static ExecutionLimitException moreDataThan(String what, long bytes, long limitBytes) {
        return new ExecutionLimitException(
                what + " about " + dataSize(bytes) + " of data (as JSON), more than the execution's data limit of "
                        + dataSize(limitBytes),
                "maxExecutionDataMb");
    }

    /** A data size as users read it: {@code 8 MB}, {@code 2.4 MB}, {@code 512 bytes}. */
    public static String dataSize(long bytes) {
        long mb = 1024 * 1024;
        if (bytes % mb == 0) {
            return bytes / mb + " MB";
        }
        return bytes < mb ? bytes + " bytes" : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (double) mb);
    }

    private static ExecutionLimitException items(String count, int limit) {
        return new ExecutionLimitException(
                "The node produced " + count + " items on one output; the limit is " + limit, "maxItemsPerOutput");
    }
}
