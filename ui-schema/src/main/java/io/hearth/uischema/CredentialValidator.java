package io.hearth.uischema;

import io.hearth.node.credential.CredentialDescription;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Checks credential data against its description with the rules of {@link ParameterValidator}
 * (paths like {@code data.host}), except that values are literal: {@code "=..."} is no expression
 * here. Stateless and thread-safe.
 */
public final class CredentialValidator {

    /**
     * Checks a credential's values against its type's fields.
     *
     * @param secretsMayBeOmitted an update that keeps the stored secrets: a secret field that is
     *                            absent or null is fine even when required; blank text is still
     *                            reported like any other required value
     */
    public List<Violation> validate(CredentialDescription d, Map<String, Object> values, boolean secretsMayBeOmitted) {
        FieldChecker checker = FieldChecker.forCredentials(p -> secretsMayBeOmitted && p.isSecret());
        checker.checkLevel(Scope.root(values, d.fields(), OptionalDouble.empty()), "data", false);
        return checker.violations();
    }
}
