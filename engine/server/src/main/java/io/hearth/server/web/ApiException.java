package io.hearth.server.web;

import io.hearth.runtime.workflow.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** An error answered as RFC 9457 problem details with the given status. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldProblem> problems;

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public ApiException(HttpStatus status, String detail, List<FieldProblem> problems) {
        super(detail);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    public static ApiException notFound(String what, String id) {
        return new ApiException(HttpStatus.NOT_FOUND, what + " '" + id + "' does not exist");
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail);
    }

    public static ApiException invalid(List<FieldProblem> problems) {
        String detail = problems.isEmpty()
                ? "invalid request"
                : String.join(
                        "; ", problems.stream().map(FieldProblem::toString).toList());
        return new ApiException(HttpStatus.BAD_REQUEST, detail, problems);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail);
    }
}
