package io.pushfleet.control.uplink;

import java.util.List;

/** Where uplink rows are persisted: all of a batch or nothing, idempotently. */
public interface UplinkStore {

    /**
     * Stores the rows in one transaction, skipping each row whose msgId or (user, device, clientMsgId) is
     * already stored (or appears earlier in the same batch), and commits before returning.
     *
     * @return how many rows were new; the others were duplicates
     * @throws RuntimeException if the transaction did not commit: then nothing of the batch is stored
     */
    int persist(List<UplinkRow> rows);
}
