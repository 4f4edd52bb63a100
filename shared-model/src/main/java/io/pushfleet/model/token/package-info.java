/**
 * Access tokens: {@link io.pushfleet.model.token.TokenIssuer} signs (control plane only),
 * {@link io.pushfleet.model.token.TokenVerifier} checks with public keys (edges), and
 * {@link io.pushfleet.model.token.SigningKeys} reads, generates and publishes JWK sets for rotation by {@code kid}.
 */
package io.pushfleet.model.token;
