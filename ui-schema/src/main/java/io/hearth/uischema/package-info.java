/**
 * Everything the editor and the server derive from node and credential descriptions, so neither
 * hand-writes a form or a validator: {@link io.hearth.uischema.NodeSchemas} turns a description
 * into a JSON Schema (draft 2020-12) with {@code x-ui} rendering hints, and
 * {@link io.hearth.uischema.ParameterValidator} / {@link io.hearth.uischema.CredentialValidator}
 * check saved values against the same description.
 * <p>
 * Schemas are JSON-like values ({@code LinkedHashMap}, {@code List}, strings, numbers, booleans)
 * with a stable key order; the caller serializes them.
 */
package io.hearth.uischema;
