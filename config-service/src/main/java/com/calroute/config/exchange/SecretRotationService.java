package com.calroute.config.exchange;

import com.calroute.config.audit.Actor;
import com.calroute.config.audit.AuditLog;
import com.calroute.config.exchange.secrets.SecretUnreadableException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.util.List;

/** Re-encrypts every stored secret under the active key, one tenant per transaction, after a key rotation. */
@ApplicationScoped
public class SecretRotationService {

    private static final Logger LOG = Logger.getLogger(SecretRotationService.class);

    @Inject
    SecretVault vault;

    @Inject
    AuditLog audit;

    /** How many secrets were looked at, moved to the active key, already under it, or unreadable. */
    public record RotationReport(int secrets, int reEncrypted, int alreadyCurrent, int unreadable) {

        RotationReport plus(RotationReport other) {
            return new RotationReport(secrets + other.secrets, reEncrypted + other.reEncrypted,
                    alreadyCurrent + other.alreadyCurrent, unreadable + other.unreadable);
        }
    }

    public RotationReport reEncryptAll(Actor actor) {
        List<String> tenantIds = QuarkusTransaction.requiringNew().call(() ->
                StoredConnection.<StoredConnection>listAll().stream().map(c -> c.tenantId).sorted().toList());
        RotationReport total = new RotationReport(0, 0, 0, 0);
        for (String tenantId : tenantIds) {
            total = total.plus(QuarkusTransaction.requiringNew().call(() -> reEncrypt(tenantId)));
        }
        RotationReport report = total;
        QuarkusTransaction.requiringNew().run(() -> audit.change(actor, "secrets.re-encrypt", "all tenants",
                report.reEncrypted() + " re-encrypted, " + report.alreadyCurrent() + " already current, "
                        + report.unreadable() + " unreadable"));
        return report;
    }

    private RotationReport reEncrypt(String tenantId) {
        StoredConnection connection = StoredConnection.findById(tenantId, LockModeType.PESSIMISTIC_WRITE);
        if (connection == null) {
            return new RotationReport(0, 0, 0, 0);
        }
        int secrets = 0;
        int reEncrypted = 0;
        int current = 0;
        int unreadable = 0;
        for (StoredConnection.SecretField field : StoredConnection.SecretField.values()) {
            String sealed = connection.sealed(field);
            if (sealed == null) {
                continue;
            }
            secrets++;
            if (vault.isUnderActiveKey(sealed)) {
                current++;
                continue;
            }
            try {
                connection.sealed(field, vault.reseal(tenantId, field.fieldName, sealed));
                reEncrypted++;
            } catch (SecretUnreadableException e) {
                unreadable++;
                LOG.warnf("tenant %s: stored %s cannot be re-encrypted: %s", tenantId, field.fieldName, e.getMessage());
            }
        }
        return new RotationReport(secrets, reEncrypted, current, unreadable);
    }
}
