package com.calroute.ewssim.graph;

import java.util.List;
import java.util.Locale;

/**
 * An Entra application registration as the simulator knows it: its directory (tenant), client secret and/or
 * certificate (PEM of the public certificate, for client assertions), the application permissions granted in
 * Entra ID with admin consent ({@code permissions}: in the token's roles, each covering every mailbox), and the
 * mailboxes its RBAC for Applications assignments in Exchange Online scope it to ({@code mailboxScope}, {@code *} =
 * all; not in the token). The two grants are independent and add up, as Microsoft documents.
 */
public record GraphApp(String clientId, String tenantId, String clientSecret, List<String> permissions,
        List<String> mailboxScope, int tokenLifetimeSeconds, String certificatePem) {

    /** An app with a client secret only. */
    public GraphApp(String clientId, String tenantId, String clientSecret, List<String> permissions,
            List<String> mailboxScope, int tokenLifetimeSeconds) {
        this(clientId, tenantId, clientSecret, permissions, mailboxScope, tokenLifetimeSeconds, null);
    }

    public GraphApp {
        permissions = permissions == null ? List.of() : List.copyOf(permissions);
        mailboxScope = mailboxScope == null ? List.of()
                : mailboxScope.stream().map(m -> m.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** Whether an RBAC for Applications assignment lets this app read {@code smtp}'s mailbox. */
    public boolean mayRead(String smtp) {
        return mailboxScope.contains("*") || mailboxScope.contains(smtp.toLowerCase(Locale.ROOT));
    }

    /** The view the control API shows: everything but the secret. */
    public java.util.Map<String, Object> publicView() {
        return java.util.Map.of("clientId", clientId, "tenantId", tenantId, "permissions", permissions,
                "mailboxScope", mailboxScope, "tokenLifetimeSeconds", tokenLifetimeSeconds,
                "clientSecretSet", clientSecret != null, "certificateSet", certificatePem != null);
    }
}
