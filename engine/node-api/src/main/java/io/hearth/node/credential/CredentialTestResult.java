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

    /** Failed before trying: the form's problems, each as the form names it ("Host is required; Port must be..."). */
    public static CredentialTestResult invalid(java.util.List<FieldError> problems) {
        return failed(
                String.join("; ", problems.stream().map(FieldError::message).toList()));
    }

    public static CredentialTestResult unsupported() {
        return new CredentialTestResult(Status.UNSUPPORTED, "This credential type has no test");
    }

    public boolean isOk() {
        return status == Status.OK;
    }
}
