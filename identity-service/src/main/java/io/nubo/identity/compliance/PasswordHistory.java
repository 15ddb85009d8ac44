package io.nubo.identity.compliance;

import io.nubo.identity.directory.UserDeleted;
import java.time.Instant;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The hashes of a user's last passwords, so that a user changing its own cannot take one of them again. */
@Service
public class PasswordHistory {

    private final PasswordHistoryRepository history;
    private final PasswordEncoder passwords;
    private final SecurityComplianceProperties compliance;

    public PasswordHistory(PasswordHistoryRepository history, PasswordEncoder passwords,
                           SecurityComplianceProperties compliance) {
        this.history = history;
        this.passwords = passwords;
        this.compliance = compliance;
    }

    /** Records a password just set (its hash). */
    @Transactional
    public void record(String userId, String passwordHash) {
        if (compliance.uniqueLastPasswordCount() > 1 && passwordHash != null) {
            history.save(new PasswordHistoryEntity(userId, passwordHash, Instant.now()));
        }
    }

    /**
     * True when the password is one of the user's last {@code unique_last_password_count} (the current one included,
     * also when it was set before the history was switched on).
     */
    @Transactional(readOnly = true)
    public boolean reused(String userId, String password, String currentHash) {
        int count = compliance.uniqueLastPasswordCount();
        if (count <= 1) {
            return false;
        }
        if (currentHash != null && passwords.matches(password, currentHash)) {
            return true;
        }
        return history.findByUserIdOrderByCreatedAtDescIdDesc(userId, PageRequest.of(0, count)).stream()
                .anyMatch(h -> passwords.matches(password, h.getPasswordHash()));
    }

    @EventListener
    public void onUserDeleted(UserDeleted e) {
        history.deleteByUserId(e.userId());
    }
}
