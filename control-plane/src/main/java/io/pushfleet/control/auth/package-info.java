/**
 * Accounts and tokens (DESIGN 3.1). Start with {@link io.pushfleet.control.auth.AuthService}: registration
 * checks {@link io.pushfleet.control.auth.CredentialRules} and stores a bcrypt hash through
 * {@link io.pushfleet.control.auth.AccountRepository}; login verifies the password, asks routing for an edge,
 * and has {@link io.pushfleet.control.auth.TokenService} sign a token; a refresh does the same for a token
 * {@link io.pushfleet.control.auth.UserAuthenticator} verified, without the password. TokenService also publishes the
 * public keys to Redis and {@link io.pushfleet.control.auth.JwksResource} serves them over HTTP.
 */
package io.pushfleet.control.auth;
