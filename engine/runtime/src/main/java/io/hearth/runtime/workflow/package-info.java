/**
 * The workflow model — nodes, connections, settings — and its JSON form, which is n8n's export
 * format so that n8n workflows import unchanged. The model is immutable.
 */
package io.hearth.runtime.workflow;
