package io.hearth.server.auth;

import java.time.Instant;

/** A person who can sign in. */
public record User(String id, String email, String name, String role, Instant createdAt) {}
