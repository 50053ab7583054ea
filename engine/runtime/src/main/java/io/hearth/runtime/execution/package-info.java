/**
 * Running a workflow: items flow from the start node along connections, depth first (n8n's "v1"
 * order), multi-input nodes wait for all their inputs, and every node run is recorded with its
 * input, output, timing and error. Retries, error modes, cancellation and timeouts live here.
 */
package io.hearth.runtime.execution;
