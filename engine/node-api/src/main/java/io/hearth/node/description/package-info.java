/**
 * Declarative descriptions of node types and their parameters, modelled on n8n's node
 * descriptions: typed parameters with defaults, show/hide rules and dynamic options.
 * The editor's forms, the server's validation and the generated docs all come from these values.
 */
package io.hearth.node.description;
