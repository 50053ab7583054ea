/**
 * n8n's filter conditions (the If node's conditions, Switch rules, the Filter node): reading a
 * filter value with n8n's defaults, converting each side to the operator's type under strict or
 * loose type validation, and comparing — with n8n's results and n8n's error messages.
 */
package io.hearth.runtime.conditions;
