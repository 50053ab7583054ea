/**
 * One class per resource of the Home Assistant node (n8n's grouping: State, Service, Event, Log, Template,
 * History, Config, Camera Proxy), each a list of {@link io.hearth.nodes.homeassistant.resource.HaOperation}s.
 * Request building is kept in small static methods so that unit tests can check the exact paths and bodies.
 */
package io.hearth.nodes.homeassistant.resource;
