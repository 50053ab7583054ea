package io.hearth.node;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A remote API refused or failed a call. Keeps the HTTP status (0 when no response arrived, e.g. a
 * timeout or a refused connection) so retries and error mapping can use it.
 */
public class NodeApiException extends NodeException {

    private final int httpStatus;

    public NodeApiException(String message, int httpStatus, String description, Throwable cause) {
        super(message, description, cause);
        this.httpStatus = httpStatus;
    }

    public NodeApiException(String message, int httpStatus) {
        this(message, httpStatus, null, null);
    }

    public OptionalInt httpStatus() {
        return httpStatus > 0 ? OptionalInt.of(httpStatus) : OptionalInt.empty();
    }

    /** True for failures worth retrying: no response, 429 and 5xx. */
    public boolean isTransient() {
        return httpStatus == 0 || httpStatus == 429 || httpStatus >= 500;
    }

    @Override
    public Optional<String> description() {
        return super.description();
    }
}
