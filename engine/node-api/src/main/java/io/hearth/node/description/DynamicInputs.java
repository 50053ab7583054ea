package io.hearth.node.description;

/**
 * Inputs whose number is a parameter's value, as Merge's "Number of Inputs": {@code countParameter}
 * holds how many (the declared inputs' count when unset), labelled "{@code labelPrefix} 1",
 * "{@code labelPrefix} 2"...
 */
public record DynamicInputs(String countParameter, String labelPrefix) {}
