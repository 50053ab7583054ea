/**
 * Who may use the API: an owner account (created on first start through the setup screen or
 * from {@code HEARTH_OWNER_EMAIL}/{@code HEARTH_OWNER_PASSWORD}), signed in with a session cookie,
 * and API keys for scripts. Only hashes of session tokens and keys are stored.
 */
package io.hearth.server.auth;
