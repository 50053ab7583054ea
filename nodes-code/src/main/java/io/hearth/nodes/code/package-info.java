/**
 * The Code node ({@code hearth.code}, also {@code n8n-nodes-base.code}): user JavaScript run in a
 * pooled, locked-down GraalJS context with n8n's variables ({@code $input}, {@code $json},
 * {@code $("Node")}, {@code DateTime}...), n8n's return shapes and error messages. The sandbox
 * ({@link io.hearth.nodes.code.JsSandbox}) grants no host access and bounds statements, run time,
 * strings, buffers, returned data and heap use.
 */
package io.hearth.nodes.code;
