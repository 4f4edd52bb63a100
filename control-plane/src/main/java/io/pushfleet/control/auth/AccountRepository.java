package io.pushfleet.control.auth;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import org.hibernate.exception.ConstraintViolationException;

import java.time.Instant;
import java.util.Optional;

/**
 * The {@code accounts} table. Usernames compare case-insensitively: the column's collation
 * ({@code ascii_general_ci}) does it, in lookups and in the unique key alike.
 */
@ApplicationScoped
public class AccountRepository implements PanacheRepositoryBase<AccountEntity, Long> {

    public Optional<Account> findByUsername(String username) {
        return find("username", username).firstResultOptional().map(AccountEntity::toAccount);
    }

    public boolean existsByUsername(String username) {
        return count("username", username) > 0;
    }

    /**
     * Inserts an account and returns its id. A concurrent registration of the same name loses on the
     * unique key and gets {@link UsernameTakenException}, so a pre-check is an optimisation, not a guarantee.
     */
    @Transactional(rollbackOn = UsernameTakenException.class)
    public long create(String username, String passwordHash, Instant createdAt) throws UsernameTakenException {
        AccountEntity entity = new AccountEntity(username, passwordHash, createdAt);
        try {
            persistAndFlush(entity);
        } catch (PersistenceException e) {
            if (isConstraintViolation(e)) {
                throw new UsernameTakenException(username);
            }
            throw e;
        }
        return entity.id();
    }

    private static boolean isConstraintViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
