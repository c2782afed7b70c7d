/**
 * Plugin discovery and wiring: {@link java.util.ServiceLoader} finds each module's
 * {@link io.lskd.plugin.LskdPlugin} (a Guice module), whose named components land in
 * MapBinders (a duplicate name fails at start-up) and whose spec records become the suite
 * grammar's type names.
 */
package io.lskd.plugin;
