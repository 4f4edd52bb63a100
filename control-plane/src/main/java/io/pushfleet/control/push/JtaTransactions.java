package io.pushfleet.control.push;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Transactions} on Quarkus' JTA transactions: the JDBC repositories' connections join the
 * transaction. A transaction InnoDB picked as a deadlock victim is run again, up to {@link #ATTEMPTS}
 * times: routers and event consumers write the same rows from different sides, so deadlocks are expected
 * now and then, and the work is idempotent.
 */
@ApplicationScoped
public class JtaTransactions implements Transactions {

    static final int ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(JtaTransactions.class);

    @Override
    public void run(Runnable work) {
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(work);
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
                LOG.debug("transaction attempt {} of {} lost a deadlock, running it again", attempt, ATTEMPTS);
            }
        }
    }

    private static boolean retryable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PushStoreException store) {
                return store.retryable();
            }
        }
        return false;
    }
}
