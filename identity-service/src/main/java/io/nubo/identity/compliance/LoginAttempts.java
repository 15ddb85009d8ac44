package io.nubo.identity.compliance;

import io.nubo.identity.directory.UserRepository;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keystone's lockout: after {@code lockout_failure_attempts} wrong passwords in a row a user cannot authenticate for
 * {@code lockout_duration}, even with the right password. Each record is its own transaction, so it stays although
 * the authentication that made it fails.
 */
@Service
public class LoginAttempts {

    private final UserRepository users;
    private final SecurityComplianceProperties compliance;

    public LoginAttempts(UserRepository users, SecurityComplianceProperties compliance) {
        this.users = users;
        this.compliance = compliance;
    }

    /** True while the user is locked out. */
    public boolean lockedOut(int failedCount, Instant failedAt) {
        int max = compliance.lockoutFailureAttempts();
        return max > 0 && failedCount >= max && failedAt != null
                && Instant.now().isBefore(failedAt.plus(compliance.lockoutDuration()));
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(String userId) {
        if (compliance.lockoutFailureAttempts() <= 0) {
            return;
        }
        users.findById(userId).ifPresent(u -> {
            // a lockout that has run out starts the count again
            int count = u.getFailedAuthAt() != null && !lockedOut(u.getFailedAuthCount(), u.getFailedAuthAt())
                    && u.getFailedAuthCount() >= compliance.lockoutFailureAttempts() ? 0 : u.getFailedAuthCount();
            u.recordFailedAuth(count + 1, Instant.now());
        });
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void succeeded(String userId) {
        users.findById(userId).ifPresent(u -> u.recordFailedAuth(0, null));
    }
}
