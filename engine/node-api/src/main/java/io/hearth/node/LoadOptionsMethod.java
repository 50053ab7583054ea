package io.hearth.node;

import io.hearth.node.description.Option;
import java.util.List;
import java.util.concurrent.CompletionStage;

/** Loads the choices of a dynamic dropdown while a user edits a node (e.g. Home Assistant entities). */
@FunctionalInterface
public interface LoadOptionsMethod {

    CompletionStage<List<Option>> load(LoadOptionsContext context);
}
