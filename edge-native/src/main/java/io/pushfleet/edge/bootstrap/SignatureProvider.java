package io.pushfleet.edge.bootstrap;

import org.conscrypt.Conscrypt;

import java.security.Provider;
import java.util.List;

/**
 * The JCA provider token signatures are checked with. Conscrypt verifies an ES256 signature about 7x faster
 * than the JDK 25 provider and 15x faster than JDK 17's (docs/benchmarks.md); it is a JNI library, so where it
 * cannot load (another CPU architecture, a native image without its JNI configuration) {@link TokenCrypto#AUTO}
 * falls back to the JDK. The provider is used only for this check: it is never installed JVM-wide.
 */
final class SignatureProvider {

    private final Provider provider;

    private SignatureProvider(Provider provider) {
        this.provider = provider;
    }

    /** Picks the provider for {@code mode}; {@link TokenCrypto#CONSCRYPT} where it cannot load is a configuration error. */
    static SignatureProvider select(TokenCrypto mode) {
        return switch (mode) {
            case JDK -> new SignatureProvider(null);
            case AUTO -> new SignatureProvider(Conscrypt.isAvailable() ? Conscrypt.newProvider() : null);
            case CONSCRYPT -> {
                try {
                    Conscrypt.checkAvailability();
                } catch (Throwable e) {
                    throw new ConfigException(List.of(Setting.TOKEN_CRYPTO.label() + ": conscrypt (expected: a provider"
                            + " that loads here; Conscrypt does not: " + e + ")"));
                }
                yield new SignatureProvider(Conscrypt.newProvider());
            }
        };
    }

    /** The provider, or {@code null} for the JDK's default. */
    Provider provider() {
        return provider;
    }

    String name() {
        return provider == null ? "jdk" : "conscrypt";
    }
}
