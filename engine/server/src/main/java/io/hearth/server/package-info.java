/**
 * The Hearth server: Spring Boot WebFlux around the plain-Java runtime. Packages by feature:
 * {@code auth}, {@code workflow}, {@code execution}, {@code trigger} (webhooks, schedules, trigger
 * nodes), {@code nodetype}, {@code credential}, {@code web} (errors), {@code config}.
 */
package io.hearth.server;
