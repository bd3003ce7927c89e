package com.calroute.sync.graph;

import com.calroute.sync.plan.Failure;
import com.calroute.sync.plan.FailureKind;
import com.calroute.sync.plan.PlainWords;

/**
 * Graph and identity-platform failures in the words a tenant admin can act on, each with the fix. Token errors are
 * told apart by their AADSTS number. An app reads a calendar through either of two grants that add up: the
 * tenant-wide application permission {@code Calendars.Read} (a role in its token, every mailbox) or an RBAC for
 * Applications assignment in Exchange Online (not in the token, the mailboxes of its scope) — the one Microsoft
 * recommends, since it reaches only the enrolled users. A 403 on a mailbox therefore means no assignment covers it
 * (no role), or, with the role, that something else in Exchange Online (an application access policy) refuses it.
 */
public final class GraphFailures {
    static final String ROLE = "Calendars.Read";

    private GraphFailures() {
    }

    /** The Exchange Online PowerShell step that lets the app read the enrolled mailboxes. */
    public static String rbacFix(String clientId) {
        return "New-ManagementRoleAssignment -App " + clientId + " -Role \"Application Calendars.Read\""
                + " -CustomResourceScope \"<management scope of the enrolled mailboxes>\"";
    }

    /** A failure while getting the app-only token. */
    public static Failure token(GraphException e, String entraTenantId, String clientId) {
        if (e.status() == 0) {
            return transport(e, "the Microsoft sign-in endpoint");
        }
        return switch (e.code()) {
            case "AADSTS7000215", "AADSTS7000222", "AADSTS7000216" -> Failure.of(FailureKind.AUTH, "Microsoft Entra ID"
                    + " refused the client secret of application " + clientId + " (" + e.code() + ": wrong or expired"
                    + " secret) — in Entra ID → App registrations → Certificates & secrets create a new client secret"
                    + " and save its Value (not its Secret ID) in the Exchange settings");
            case "AADSTS700027", "AADSTS700024" -> Failure.of(FailureKind.AUTH, "Microsoft Entra ID refused the"
                    + " certificate of application " + clientId + " (" + e.code() + ") — in Entra ID → App registrations →"
                    + " Certificates & secrets → Certificates upload the public certificate whose private key is saved here,"
                    + " and check that it has not expired");
            case "AADSTS700016" -> Failure.of(FailureKind.AUTH, "Microsoft Entra ID has no application with client id "
                    + clientId + " in tenant " + entraTenantId + " (AADSTS700016) — copy the Application (client) ID"
                    + " from Entra ID → App registrations → Overview, and check the tenant id");
            case "AADSTS90002", "AADSTS900023" -> Failure.of(FailureKind.AUTH, "Microsoft Entra ID does not know the"
                    + " tenant " + entraTenantId + " (" + e.code() + ") — copy the Directory (tenant) ID from Entra ID →"
                    + " Overview");
            default -> Failure.of(FailureKind.AUTH, "Microsoft Entra ID refused to issue a token for application "
                    + clientId + " (" + e.code() + ") — check the tenant id, client id and client secret");
        };
    }

    /** A failure of a Graph call on {@code mailbox}; {@code hasRole} says whether the token carries Calendars.Read. */
    public static Failure mailbox(GraphException e, String clientId, String mailbox, boolean hasRole) {
        if (e.status() == 0 || "MalformedResponse".equals(e.code())) {
            return transport(e, "Microsoft Graph");
        }
        return switch (e.status()) {
            case 401 -> Failure.of(FailureKind.AUTH, "Microsoft Graph refused the application's token ("
                    + e.code() + ") — check the tenant id, client id and client secret");
            case 403 -> hasRole ? accessPolicyDenied(clientId, mailbox) : rbacDenied(clientId, mailbox);
            case 404 -> Failure.of(FailureKind.MAILBOX, "Exchange Online has no mailbox for " + mailbox + " ("
                    + e.code() + ") — check the user's e-mail address and that the mailbox is in Exchange Online");
            case 429 -> PlainWords.serverBusy(e.retryAfter());
            case 503, 502, 504 -> new Failure(FailureKind.UNAVAILABLE, "Microsoft Graph is temporarily unavailable"
                    + " (HTTP " + e.status() + ") — sync retries by itself", e.retryAfter());
            default -> PlainWords.unexpected(e.code());
        };
    }

    /** Automatic replies are mailbox settings: reading them needs their own application permission. */
    public static Failure settingsDenied(String clientId) {
        return Failure.of(FailureKind.IMPERSONATION, "Exchange Online does not let application " + clientId
                + " read mailbox settings (ErrorAccessDenied), so automatic replies cannot count as out of office"
                + " — grant the application permission MailboxSettings.Read with admin consent in Entra ID");
    }

    /** The token carries no Calendars.Read and no mailbox was named to check an RBAC for Applications assignment. */
    public static Failure permissionUnproven(String clientId) {
        return Failure.of(FailureKind.IMPERSONATION, "The application " + clientId + " has no tenant-wide application"
                + " permission " + ROLE + ", so it can read calendars only through an RBAC for Applications assignment"
                + " — give a mailbox to test that assignment, or create it in Exchange Online PowerShell: "
                + rbacFix(clientId));
    }

    /** No grant covers the mailbox: neither the tenant-wide permission nor an RBAC for Applications assignment. */
    public static Failure rbacDenied(String clientId, String mailbox) {
        return Failure.of(FailureKind.IMPERSONATION, "Exchange Online does not let application " + clientId
                + " read the calendar of " + mailbox + " (ErrorAccessDenied): no RBAC for Applications assignment covers"
                + " this mailbox and the app has no tenant-wide " + ROLE + " permission — in Exchange Online PowerShell"
                + " run " + rbacFix(clientId) + " with a scope that includes the enrolled users");
    }

    /** The app has the tenant-wide permission and is still refused: an application access policy narrows it. */
    public static Failure accessPolicyDenied(String clientId, String mailbox) {
        return Failure.of(FailureKind.IMPERSONATION, "Exchange Online does not let application " + clientId
                + " read the calendar of " + mailbox + " (ErrorAccessDenied) although it has the tenant-wide " + ROLE
                + " permission — an application access policy (Get-ApplicationAccessPolicy) leaves this mailbox out;"
                + " Microsoft replaces those policies by RBAC for Applications: remove the Entra permission and run "
                + rbacFix(clientId) + " with a scope that includes the enrolled users");
    }

    private static Failure transport(GraphException e, String what) {
        return switch (e.code()) {
            case "Timeout" -> PlainWords.timedOut();
            case "Tls" -> Failure.of(FailureKind.TLS, "The TLS connection to " + what + " failed — check the base"
                    + " URL and, for a private endpoint, the CA certificate in the connection");
            case "Dns" -> Failure.of(FailureKind.DNS, "The host " + e.getMessage() + " of " + what
                    + " cannot be found (DNS) — check the Graph and login base URLs");
            case "BlockedAddress" -> Failure.of(FailureKind.BLOCKED_ADDRESS, "The URL of " + what + " (" + e.getMessage()
                    + ") leads to a private or local network address, which is not allowed");
            case "PlainHttp" -> Failure.of(FailureKind.PLAIN_HTTP, "The URL of " + what + " (" + e.getMessage()
                    + ") does not use https");
            case "BadUrl" -> Failure.of(FailureKind.NOT_CONFIGURED, "The URL of " + what + " is not usable: "
                    + e.getMessage());
            case "CertificateUnreadable" -> Failure.of(FailureKind.NOT_CONFIGURED, "The client certificate in the"
                    + " connection cannot be used: " + e.getMessage() + " — save the PEM certificate with its PKCS#8"
                    + " (BEGIN PRIVATE KEY) RSA private key, or a client secret");
            case "NoCredential" -> Failure.of(FailureKind.NOT_CONFIGURED, "The connection has neither a client"
                    + " secret nor a client certificate — save one of them");
            case "MalformedResponse" -> Failure.of(FailureKind.MALFORMED_RESPONSE, "The answer of " + what
                    + " could not be read, so nothing was published for this user — check the Graph and login base"
                    + " URLs and any proxy in between");
            default -> Failure.of(FailureKind.CONNECT, "Cannot connect to " + what
                    + " — a firewall or proxy may block the connection");
        };
    }
}
