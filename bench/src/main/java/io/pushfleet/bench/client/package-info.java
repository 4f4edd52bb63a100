/** The interactive {@code client} tool: log in, connect, print what arrives. */
package io.pushfleet.bench.client;
