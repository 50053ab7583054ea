/**
 * Finding node and credential types: {@link java.util.ServiceLoader} on the server's class path plus
 * plugin jars dropped into a plugins directory, each in its own class loader that sees only the SPI.
 * Descriptions are checked on load; a broken plugin is refused loudly, naming its jar.
 */
package io.hearth.runtime.registry;
