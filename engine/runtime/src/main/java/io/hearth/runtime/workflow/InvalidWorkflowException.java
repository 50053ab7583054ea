package io.hearth.runtime.workflow;

import java.util.List;
import java.util.stream.Collectors;

/** A workflow document that cannot be used, with every problem found and the field it concerns. */
public class InvalidWorkflowException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidWorkflowException(List<FieldProblem> problems) {
        super(problems.stream().map(FieldProblem::toString).collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
