/** Benchmarks of the control plane's token endpoints (login, refresh). */
package io.pushfleet.bench.auth;
