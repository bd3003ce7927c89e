package com.calroute.ewssim;

import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.misc.ConnectingIdType;
import microsoft.exchange.webservices.data.core.enumeration.misc.ExchangeVersion;
import microsoft.exchange.webservices.data.credential.WebCredentials;
import microsoft.exchange.webservices.data.misc.ImpersonatedUserId;

import java.net.URI;

/** Builds ews-java-api clients the way the sync service does: Exchange2010_SP2, impersonation, X-AnchorMailbox. */
final class EwsClients {
    private EwsClients() {
    }

    static ExchangeService impersonating(String url, String user, String password, String domain, String mailbox) {
        ExchangeService service = plain(url, user, password, domain);
        service.setImpersonatedUserId(new ImpersonatedUserId(ConnectingIdType.SmtpAddress, mailbox));
        service.getHttpHeaders().put("X-AnchorMailbox", mailbox);
        return service;
    }

    static ExchangeService plain(String url, String user, String password, String domain) {
        ExchangeService service = new ExchangeService(ExchangeVersion.Exchange2010_SP2);
        service.setCredentials(domain == null ? new WebCredentials(user, password) : new WebCredentials(user, password, domain));
        service.setUrl(URI.create(url));
        service.setTimeout(30_000);
        return service;
    }
}
