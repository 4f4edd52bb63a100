/**
 * Settings: {@link io.pushfleet.control.config.PushConfig} maps every {@code push.*} property,
 * {@link io.pushfleet.control.config.ConfigCheck} validates them as a whole at startup and logs them with
 * secrets masked. Quarkus' own settings ({@code quarkus.*}) are documented in {@code application.properties}.
 */
package io.pushfleet.control.config;
