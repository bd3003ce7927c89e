package com.calroute.ewssim.operations;

import com.calroute.ewssim.ServerVersion;
import com.calroute.ewssim.SimulatorEngine;
import com.calroute.ewssim.auth.ServiceAccount;
import com.calroute.ewssim.mailbox.ItemIds;
import com.calroute.ewssim.mailbox.Mailbox;
import com.calroute.ewssim.soap.Dom;
import com.calroute.ewssim.soap.EwsNamespaces;
import com.calroute.ewssim.soap.MessageError;
import com.calroute.ewssim.soap.ResponseCodes;
import com.calroute.ewssim.soap.SoapRequest;
import org.w3c.dom.Element;

/**
 * Everything an operation needs about the call: who is calling, as whom (impersonation), which server version is
 * simulated, and how folder and item ids resolve to a mailbox the caller may open.
 */
public final class OperationContext {
    private final SimulatorEngine engine;
    private final ServiceAccount account;
    private final SoapRequest request;
    private final Mailbox impersonated;
    private final ServerVersion version;
    private String responseCode = ResponseCodes.NO_ERROR;

    public OperationContext(SimulatorEngine engine, ServiceAccount account, SoapRequest request, Mailbox impersonated) {
        this.engine = engine;
        this.account = account;
        this.request = request;
        this.impersonated = impersonated;
        this.version = engine.settings().serverVersion();
    }

    public SimulatorEngine engine() { return engine; }
    public ServiceAccount account() { return account; }
    public SoapRequest request() { return request; }
    public Element operation() { return request.operation(); }
    public Mailbox impersonated() { return impersonated; }
    public ServerVersion version() { return version; }
    public String responseCode() { return responseCode; }

    /** Records the code of the first failing message (or the only one) for the request log. */
    public void noteResponseCode(String code) {
        if (ResponseCodes.NO_ERROR.equals(responseCode)) {
            responseCode = code;
        }
    }

    /** What the request's declared schema version lets answers contain. */
    public ClientSchema clientSchema() {
        return ClientSchema.of(request.requestServerVersion());
    }

    /** Budget key for subscriptions and streaming connections: the impersonated mailbox, else the account. */
    public String budgetKey() {
        return impersonated != null ? impersonated.smtpAddress() : "account:" + account.key();
    }

    /** The mailbox the caller acts as: the impersonated one, else the account's own (if it has one). */
    public Mailbox actingMailbox() {
        if (impersonated != null) {
            return impersonated;
        }
        String domain = account.domain();
        return domain.contains(".") ? engine.directory().find(account.user() + "@" + domain) : null;
    }

    /**
     * Resolves a {@code t:DistinguishedFolderId} or {@code t:FolderId} to its mailbox; only the calendar folder
     * exists in the simulator.
     */
    public Mailbox resolveFolder(Element folderId) {
        if (folderId == null) {
            throw new MessageError(ResponseCodes.INVALID_REQUEST);
        }
        if ("DistinguishedFolderId".equals(folderId.getLocalName())) {
            Element mailboxElement = Dom.child(folderId, EwsNamespaces.TYPES, "Mailbox");
            String smtp = Dom.childText(mailboxElement, EwsNamespaces.TYPES, "EmailAddress");
            Mailbox mailbox;
            if (smtp != null) {
                mailbox = engine.directory().find(smtp);
                if (mailbox == null) {
                    throw new MessageError(ResponseCodes.NON_EXISTENT_MAILBOX);
                }
            } else {
                mailbox = actingMailbox();
                if (mailbox == null) {
                    throw new MessageError(ResponseCodes.MISSING_EMAIL_ADDRESS);
                }
            }
            requireAccess(mailbox);
            if (!"calendar".equals(Dom.attr(folderId, "Id"))) {
                throw new MessageError(ResponseCodes.FOLDER_NOT_FOUND);
            }
            return mailbox;
        }
        if ("FolderId".equals(folderId.getLocalName())) {
            ItemIds.Parsed parsed = ItemIds.parse(Dom.attr(folderId, "Id"));
            if (parsed == null || parsed.kind() != ItemIds.Kind.FOLDER) {
                throw new MessageError(ResponseCodes.INVALID_ID_MALFORMED);
            }
            Mailbox mailbox = engine.directory().findByKey(parsed.mailboxKey());
            if (mailbox == null) {
                throw new MessageError(ResponseCodes.FOLDER_NOT_FOUND);
            }
            requireAccess(mailbox);
            return mailbox;
        }
        throw new MessageError(ResponseCodes.FOLDER_NOT_FOUND);
    }

    /** The mailbox an item id lives in, provided the caller may open it. */
    public Mailbox resolveItemMailbox(ItemIds.Parsed itemId) {
        Mailbox mailbox = engine.directory().findByKey(itemId.mailboxKey());
        if (mailbox == null) {
            throw new MessageError(ResponseCodes.ITEM_NOT_FOUND);
        }
        requireAccess(mailbox);
        return mailbox;
    }

    private void requireAccess(Mailbox mailbox) {
        Mailbox acting = actingMailbox();
        if (acting == null || !acting.smtpAddress().equals(mailbox.smtpAddress())) {
            throw new MessageError(ResponseCodes.ACCESS_DENIED);
        }
    }
}
