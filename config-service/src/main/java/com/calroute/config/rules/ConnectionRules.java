package com.calroute.config.rules;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.regex.Pattern;

/** Field rules of an Exchange connection other than its URLs (those are the endpoint policy's). */
public final class ConnectionRules {

    /** The EWS request versions a tenant may choose; Exchange 2016/2019/SE speak Exchange2013_SP1. */
    public static final List<String> EXCHANGE_VERSIONS =
            List.of("Exchange2010", "Exchange2010_SP1", "Exchange2010_SP2", "Exchange2013", "Exchange2013_SP1");
    /** Largest PEM document accepted (a certificate chain or a certificate with its key). */
    public static final int MAX_PEM_LENGTH = 65_536;
    /** Longest password or client secret accepted. */
    public static final int MAX_SECRET_LENGTH = 1024;
    /** The Exchange Online EWS host: EWS there is retired, so such a connection gets a warning. */
    public static final String EXCHANGE_ONLINE_HOST = "outlook.office365.com";

    private static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final Pattern DOMAIN = Pattern.compile("^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$");
    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----");

    private ConnectionRules() {
    }

    public static boolean isGuid(String value) {
        return value != null && GUID.matcher(value).matches();
    }

    /** A Windows/DNS domain such as {@code acme.no} or {@code ACME}. */
    public static boolean isDomain(String value) {
        return value != null && DOMAIN.matcher(value).matches();
    }

    /** An Entra tenant is named by its GUID or one of its verified domains. */
    public static boolean isEntraTenant(String value) {
        return isGuid(value) || (isDomain(value) && value.contains("."));
    }

    /** True when the text is one or more PEM certificates that parse as X.509. */
    public static boolean isCertificateChain(String pem) {
        if (pem == null || pem.length() > MAX_PEM_LENGTH || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            return false;
        }
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            return !factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).isEmpty();
        } catch (CertificateException e) {
            return false;
        }
    }

    /** A client certificate for Graph: the certificate and its private key, in PEM. */
    public static boolean isCertificateWithKey(String pem) {
        return pem != null && pem.length() <= MAX_PEM_LENGTH && PRIVATE_KEY.matcher(pem).find()
                && isCertificateChain(pem.replaceAll("(?s)-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", ""));
    }

    /** The advice shown when a tenant points EWS at Exchange Online. */
    public static final String EXCHANGE_ONLINE_WARNING = "Exchange Online has blocked EWS since 2026-10-01 (off for good"
            + " on 2027-04-01) and no longer has the ApplicationImpersonation role, so this connection will stop working."
            + " Move this tenant to Microsoft Graph: 1) in Microsoft Entra ID, register an application for Calroute;"
            + " 2) let it read only the enrolled users' calendars with RBAC for Applications: in Exchange Online PowerShell"
            + " New-ServicePrincipal for the app, a management scope holding the enrolled mailboxes, and"
            + " New-ManagementRoleAssignment -App <client id> -Role \"Application Calendars.Read\" -CustomResourceScope"
            + " <scope> (the Entra permission Calendars.Read would instead open every mailbox of the organisation);"
            + " 3) create a client secret or upload a certificate for it; 4) save the connection here with"
            + " kind GRAPH, your Entra tenant id, the application (client) id and the secret or certificate;"
            + " 5) run Test connection.";
}
