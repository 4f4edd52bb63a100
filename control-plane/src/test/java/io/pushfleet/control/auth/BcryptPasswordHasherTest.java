package io.pushfleet.control.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BcryptPasswordHasherTest {

    // Minimum cost the configuration allows; keeps the test quick.
    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(10);

    @Test
    void matchesOnlyThePasswordItHashed() {
        String hash = hasher.hash("correct horse");

        assertThat(hash).startsWith("$2a$10$").hasSize(60);
        assertThat(hasher.matches("correct horse", hash)).isTrue();
        assertThat(hasher.matches("correct horsf", hash)).isFalse();
    }

    @Test
    void saltsEachHash() {
        assertThat(hasher.hash("correct horse")).isNotEqualTo(hasher.hash("correct horse"));
    }

    @Test
    void tellsApartLongPasswordsThatDifferOnlyAfterBcrypts72Bytes() {
        String prefix = "x".repeat(80);
        String hash = hasher.hash(prefix + "-one");

        assertThat(hasher.matches(prefix + "-one", hash)).isTrue();
        assertThat(hasher.matches(prefix + "-two", hash)).isFalse();
    }

    @Test
    void matchNothingDoesTheWorkOfAVerification() {
        // No assertion on time (too flaky on shared CPUs); it must at least accept any password.
        hasher.matchNothing("anything at all");
        hasher.matchNothing("x".repeat(500));
    }
}
