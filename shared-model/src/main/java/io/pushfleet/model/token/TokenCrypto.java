package io.pushfleet.model.token;

/** Who signs and checks tokens (ES256): the ECDSA operations are most of the CPU a connect or a refresh costs. */
public enum TokenCrypto {
    /** Conscrypt (BoringSSL's native ECDSA) when its library loads here, otherwise the JDK. */
    AUTO,
    /** Conscrypt or fail. */
    CONSCRYPT,
    /** The JDK's own provider (pure Java). */
    JDK
}
