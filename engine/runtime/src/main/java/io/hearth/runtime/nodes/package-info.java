/**
 * The core nodes every workflow engine needs: triggers (manual, schedule, webhook), Respond to
 * Webhook, routing (If, Switch, Merge), data (Edit Fields), No-Op and Wait — plus the HTTP
 * auth credential types the Webhook node uses. They are ordinary plugins of the node SPI,
 * registered in {@code META-INF/services}, and accept n8n's type names and parameter shapes.
 */
package io.hearth.runtime.nodes;
