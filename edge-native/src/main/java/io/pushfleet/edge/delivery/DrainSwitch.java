package io.pushfleet.edge.delivery;

/** What this node's {@code drain} and {@code undrain} commands switch (DESIGN 3.10). Both are idempotent. */
public interface DrainSwitch {

    /** Stop taking new clients and move the connected ones away; {@code cause} is logged. */
    void drain(String cause);

    /** Take clients again and stop moving them away; {@code cause} is logged. */
    void undrain(String cause);
}
