package io.hearth.server.web;

import io.hearth.runtime.workflow.FieldProblem;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** An error answered as RFC 9457 problem details with the given status. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldProblem> problems;
    private final Map<String, String> headers;

    public ApiException(HttpStatus status, String detail) {
        this(status, detail, List.of());
    }

    public ApiException(HttpStatus status, String detail, List<FieldProblem> problems) {
        this(status, detail, problems, Map.of());
    }

    public ApiException(HttpStatus status, String detail, List<FieldProblem> problems, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.problems = List.copyOf(problems);
        this.headers = Map.copyOf(headers);
    }

    /** Response headers that go with the problem (Retry-After, Allow). */
    public Map<String, String> headers() {
        return headers;
    }

    /** 429 with {@code Retry-After} (whole seconds, rounded up). */
    public static ApiException tooManyAttempts(String detail, Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new ApiException(
                HttpStatus.TOO_MANY_REQUESTS,
                detail + "; try again in " + seconds + " s",
                List.of(),
                Map.of("Retry-After", String.valueOf(seconds)));
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

    public static ApiException invalid(String detail, List<FieldProblem> problems) {
        return new ApiException(HttpStatus.BAD_REQUEST, detail, problems);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(HttpStatus.CONFLICT, detail);
    }
}
