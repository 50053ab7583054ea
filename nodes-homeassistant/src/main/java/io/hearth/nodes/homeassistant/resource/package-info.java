/**
 * The Home Assistant node's resources (n8n's grouping: State, Service, Event, Log, Template, History,
 * Config, Camera Proxy), one class each holding everything about that resource: its operations, its
 * fields (shown for its resource/operation pairs), its dropdowns and how it reads its parameters. Each
 * class builds one {@link io.hearth.nodes.homeassistant.resource.HaResource}; the node's description is
 * assembled from them. Request building is kept in small static methods so that unit tests can check
 * the exact paths and bodies. {@link io.hearth.nodes.homeassistant.resource.Fields} and
 * {@link io.hearth.nodes.homeassistant.resource.Values} hold what several resources share.
 */
package io.hearth.nodes.homeassistant.resource;
