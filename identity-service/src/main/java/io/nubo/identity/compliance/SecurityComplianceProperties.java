package io.nubo.identity.compliance;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keystone's {@code [security_compliance]} options that Nubo applies; all off by default, as in Keystone.
 *
 * @param lockoutFailureAttempts   wrong passwords in a row that lock a user out (0: never)
 * @param lockoutDuration          how long a lockout lasts
 * @param uniqueLastPasswordCount  how many of the last passwords a user may not reuse when changing its own
 *                                 (0 or 1: no check)
 */
@ConfigurationProperties("nubo.identity.security-compliance")
public record SecurityComplianceProperties(int lockoutFailureAttempts, Duration lockoutDuration,
                                           int uniqueLastPasswordCount) {

    public SecurityComplianceProperties {
        if (lockoutFailureAttempts < 0 || uniqueLastPasswordCount < 0) {
            throw new IllegalArgumentException("nubo.identity.security-compliance: counts cannot be negative");
        }
        if (lockoutDuration == null) {
            lockoutDuration = Duration.ofMinutes(30);
        }
    }
}
