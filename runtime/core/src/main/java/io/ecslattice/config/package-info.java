/**
 * Configuration: the settings tables (name, type, default, validation, description), the TOML config file,
 * and resolution by precedence (builder, environment, file, stack outputs, defaults) with where each value came from.
 */
package io.ecslattice.config;
