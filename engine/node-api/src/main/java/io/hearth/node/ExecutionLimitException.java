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
     * @param setting the workflow setting that raises the limit (as named in the workflow JSON's {@code settings})
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

    private static ExecutionLimitException items(String count, int limit) {
        return new ExecutionLimitException(
                "The node produced " + count + " items on one output; the limit is " + limit, "maxItemsPerOutput");
    }
}
