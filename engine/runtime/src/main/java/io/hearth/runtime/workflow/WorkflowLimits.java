package io.hearth.runtime.workflow;

import java.util.Optional;

/**
 * A workflow's own execution limits ({@code settings} of the workflow JSON). Each empty value
 * means the server's default ({@code hearth.executions.limits.*}).
 *
 * @param maxNodeRuns           node runs in one execution; a workflow that loops forever stops here
 * @param maxItemsPerOutput     items one output of one node run may hold
 * @param maxExecutionDataMb    megabytes of recorded execution data (node outputs, estimated as JSON)
 * @param executionDataOverflow what happens beyond {@code maxExecutionDataMb}: fail, or keep a truncated record
 * @param maxConcurrency        executions of this workflow running at once; more wait for a free slot
 */
public record WorkflowLimits(
        Optional<Integer> maxNodeRuns,
        Optional<Integer> maxItemsPerOutput,
        Optional<Integer> maxExecutionDataMb,
        Optional<DataOverflow> executionDataOverflow,
        Optional<Integer> maxConcurrency) {

    public static final WorkflowLimits NONE = new WorkflowLimits(
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public WorkflowLimits {
        maxNodeRuns = maxNodeRuns == null ? Optional.empty() : maxNodeRuns;
        maxItemsPerOutput = maxItemsPerOutput == null ? Optional.empty() : maxItemsPerOutput;
        maxExecutionDataMb = maxExecutionDataMb == null ? Optional.empty() : maxExecutionDataMb;
        executionDataOverflow = executionDataOverflow == null ? Optional.empty() : executionDataOverflow;
        maxConcurrency = maxConcurrency == null ? Optional.empty() : maxConcurrency;
    }

    public WorkflowLimits withMaxNodeRuns(int value) {
        return new WorkflowLimits(
                Optional.of(value), maxItemsPerOutput, maxExecutionDataMb, executionDataOverflow, maxConcurrency);
    }

    public WorkflowLimits withMaxItemsPerOutput(int value) {
        return new WorkflowLimits(
                maxNodeRuns, Optional.of(value), maxExecutionDataMb, executionDataOverflow, maxConcurrency);
    }

    public WorkflowLimits withMaxExecutionDataMb(int value, DataOverflow overflow) {
        return new WorkflowLimits(
                maxNodeRuns, maxItemsPerOutput, Optional.of(value), Optional.of(overflow), maxConcurrency);
    }

    public WorkflowLimits withMaxConcurrency(int value) {
        return new WorkflowLimits(
                maxNodeRuns, maxItemsPerOutput, maxExecutionDataMb, executionDataOverflow, Optional.of(value));
    }

    /** What happens to an execution whose recorded data would exceed its limit. */
    public enum DataOverflow {
        /** The execution stops with an error at the node whose output went past the limit. */
        FAIL("fail"),
        /** The execution runs on; its record keeps node outputs up to the limit and is marked truncated. */
        TRUNCATE("truncate");

        private final String wireName;

        DataOverflow(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static DataOverflow fromWireName(String name) {
            for (DataOverflow o : values()) {
                if (o.wireName.equals(name)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("must be fail or truncate");
        }
    }
}
