package io.hearth.node.credential;

/** The answer of a credential test: OK, or a precise reason it failed. */
public record CredentialTestResult(Status status, String message) {

    public enum Status {
        OK,
        FAILED,
        UNSUPPORTED
    }

    public static CredentialTestResult ok(String message) {
        return new CredentialTestResult(Status.OK, message);
    }

    public static CredentialTestResult failed(String message) {
        return new CredentialTestResult(Status.FAILED, message);
    }

    public static CredentialTestResult unsupported() {
        return new CredentialTestResult(Status.UNSUPPORTED, "This credential type has no test");
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
