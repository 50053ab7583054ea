package io.hearth.runtime.workflow;

/** A node's reference to a stored credential, as in n8n: {@code {"id": "7", "name": "My HA"}}. */
public record CredentialRef(String id, String name) {}
