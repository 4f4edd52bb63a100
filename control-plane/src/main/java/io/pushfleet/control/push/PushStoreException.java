package io.pushfleet.control.push;

import java.sql.SQLException;

/** A database call of the push feature failed; carries the {@link SQLException} as its cause. */
public final class PushStoreException extends RuntimeException {

    /** SQLSTATE of a deadlock or serialization failure: the transaction may simply be run again. */
    static final String SERIALIZATION_FAILURE = "40001";

    public PushStoreException(String operation, SQLException cause) {
        super(operation + ": " + cause.getMessage(), cause);
    }

    /** Whether running the transaction again may succeed (InnoDB chose it as a deadlock victim). */
    public boolean retryable() {
        return getCause() instanceof SQLException sql && SERIALIZATION_FAILURE.equals(sql.getSQLState());
    }
}
