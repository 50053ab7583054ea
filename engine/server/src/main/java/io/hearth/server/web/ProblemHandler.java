package io.hearth.server.web;

import io.hearth.runtime.workflow.FieldProblem;
import io.hearth.runtime.workflow.InvalidWorkflowException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;

/**
 * Turns every API error into RFC 9457 problem details: a readable {@code detail}, and for
 * validation errors an {@code errors} list of {@code {path, message, text}} ({@code text}: as the user sees it). Never a stack trace.
 */
@RestControllerAdvice
public class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final DataSize codecLimit;

    public ProblemHandler(
            @org.springframework.beans.factory.annotation.Value("${spring.codec.max-in-memory-size:256KB}")
                    DataSize codecLimit) {
        this.codecLimit = codecLimit;
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ProblemDetail> api(ApiException e, ServerWebExchange exchange) {
        ResponseEntity<ProblemDetail> answer = problem(e.status(), e.getMessage(), e.problems(), exchange);
        if (e.headers().isEmpty()) {
            return answer;
        }
        return ResponseEntity.status(answer.getStatusCode())
                .headers(h -> {
                    h.addAll(answer.getHeaders());
                    e.headers().forEach(h::set);
                })
                .body(answer.getBody());
    }

    @ExceptionHandler(InvalidWorkflowException.class)
    public ResponseEntity<ProblemDetail> invalidWorkflow(InvalidWorkflowException e, ServerWebExchange exchange) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage(), e.problems(), exchange);
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ResponseEntity<ProblemDetail> badInput(ServerWebInputException e, ServerWebExchange exchange) {
        String detail =
                e.getCause() instanceof DecodingException d ? "malformed JSON: " + rootMessage(d) : e.getReason();
        return problem(HttpStatus.BAD_REQUEST, detail == null ? "bad request" : detail, List.of(), exchange);
    }

    @ExceptionHandler(ResponseStatusException.class)
    public ResponseEntity<ProblemDetail> status(ResponseStatusException e, ServerWebExchange exchange) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        String detail = e.getReason() == null ? e.getStatusCode().toString() : e.getReason();
        if (e.getStatusCode().value() == 413) {
            detail = tooLarge(e, codecLimit);
        } else if (e.getStatusCode().value() == 405) {
            detail = exchange.getRequest().getMethod().name() + " is not supported here; allowed: "
                    + String.join(
                            ", ",
                            e.getHeaders().getAllow().stream()
                                    .map(m -> m.name())
                                    .sorted()
                                    .toList());
        }
        ResponseEntity<ProblemDetail> answer =
                problem(status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status, detail, List.of(), exchange);
        // Allow (405), Accept (415) and the like belong to the answer
        return ResponseEntity.status(answer.getStatusCode())
                .headers(h -> {
                    h.addAll(e.getHeaders());
                    h.addAll(answer.getHeaders());
                })
                .body(answer.getBody());
    }

    /** The limit a too large body ran into, as the buffer that refused it reports it. */
    // identity is the test: a cause chain ends at a Throwable that is its own cause
    @SuppressWarnings("ReferenceEquality")
    private static String tooLarge(Throwable e, DataSize configured) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.springframework.core.io.buffer.DataBufferLimitException limit) {
                var digits = java.util.regex.Pattern.compile("(\\d+)").matcher(String.valueOf(limit.getMessage()));
                if (digits.find()) {
                    return "The request body is larger than the limit of " + digits.group(1) + " bytes";
                }
            }
        }
        return "The request body is larger than the limit of " + configured.toBytes() + " bytes";
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e, ServerWebExchange exchange) {
        log.error(
                "Unexpected error on {} {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(),
                e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal error; the server log has the details",
                List.of(),
                exchange);
    }

    public static ResponseEntity<ProblemDetail> problem(
            HttpStatus status, String detail, List<FieldProblem> problems, ServerWebExchange exchange) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(status, detail);
        pd.setInstance(URI.create(exchange.getRequest().getPath().value()));
        if (!problems.isEmpty()) {
            pd.setProperty(
                    "errors",
                    problems.stream()
                            .map(p -> Map.of("path", p.path(), "message", p.message(), "text", p.text()))
                            .toList());
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(pd);
    }

    // identity is the test: a cause chain ends at a Throwable that is its own cause
    @SuppressWarnings("ReferenceEquality")
    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.toString() : c.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
