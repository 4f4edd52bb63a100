package io.pushfleet.edge.bootstrap;

/** Who checks token signatures (ES256): the ECDSA verify is most of the CPU a connect costs. */
public enum TokenCrypto {
    /** Conscrypt (BoringSSL's native ECDSA) when its library loads here, otherwise the JDK. */
    AUTO,
    /** Conscrypt or fail to start. */
    CONSCRYPT,
    /** The JDK's own provider (pure Java). */
    JDK
}
