package com.calroute.config.enrolment;

import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;

/** What a tenant-admin may do with the login bound to an enrolment: see whether one is, and release it (audited). */
@ApplicationScoped
public class LoginLinks {

    @Inject
    EnrolmentService enrolment;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** The link as the admin sees it: whether a login is bound, and since when. Never the login itself. */
    @Transactional
    public LoginLinkView view(String tenantId, String userId) {
        return LoginLinkView.of(enrolment.find(tenantId, userId, false));
    }

    /**
     * Releases the bound login, so the next sign-in with a verified e-mail equal to the enrolled one claims the
     * enrolment. Announced on users.v1 (routing stops answering the old login at once) and audited.
     */
    @Transactional
    public LoginLinkView release(Actor actor, String tenantId, String userId) {
        EnrolledUser user = enrolment.find(tenantId, userId, true);
        if (user.unlink()) {
            user.changed(Instant.now(clock));
            outbox.user(user.message());
            audit.change(actor, "identity.release", "user:" + user.tenantId + "/" + user.id, null);
        }
        return LoginLinkView.of(user);
    }

    /** {@code GET|DELETE /api/v1/tenants/{tenantId}/users/{userId}/login}. */
    public record LoginLinkView(boolean linked, Instant linkedAt) {

        static LoginLinkView of(EnrolledUser user) {
            return new LoginLinkView(user.login().isPresent(), user.loginLinkedAt);
        }
    }
}
