package com.calroute.ewssim;

import com.calroute.ewssim.control.Specs;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.misc.NameResolutionCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ResolveNames as Microsoft's "ResolveNames operation" and ResolveNamesResponseMessage pages describe it
 * (https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/resolvenames-operation,
 * .../resolvenamesresponsemessage): one candidate is Success, an ambiguous name a Warning with every candidate, none
 * an Error; an {@code smtp:} prefix matches addresses. ConvertId as the "ConvertId operation" page describes it
 * (https://learn.microsoft.com/en-us/exchange/client-developer/web-service-reference/convertid-operation): one
 * message per id, the mailbox echoed, no change key.
 */
class ResolveNamesAndConvertIdTest {
    private static EwsSimulator simulator;
    private static RawEws ews;

    @BeforeAll
    static void start() {
        simulator = SimulatorFixture.start("Exchange2013_SP1");
        simulator.control().putMailbox("kari.hansen@acme.example", new Specs.MailboxSpec(null, "Kari Hansen", "Europe/Oslo", null));
        ews = new RawEws(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static RawEws.Answer resolve(String entry) throws Exception {
        return ews.post(SimulatorFixture.KARI, "<m:ResolveNames ReturnFullContactData=\"false\"><m:UnresolvedEntry>" + entry
                + "</m:UnresolvedEntry></m:ResolveNames>");
    }

    private static String message(RawEws.Answer answer) {
        return ((Element) answer.document().getElementsByTagNameNS(RawEws.M, "ResolveNamesResponseMessage").item(0))
                .getAttribute("ResponseClass");
    }

    private static int resolutions(RawEws.Answer answer) {
        return answer.document().getElementsByTagNameNS(RawEws.T, "Resolution").getLength();
    }

    @Test
    void aUniqueNameResolvesAnAmbiguousOneWarnsWithEveryCandidateAndAnUnknownOneFails() throws Exception {
        RawEws.Answer unique = resolve("Nordmann");
        assertThat(message(unique)).isEqualTo("Success");
        assertThat(unique.document().getElementsByTagNameNS(RawEws.T, "EmailAddress").item(0).getTextContent())
                .isEqualTo(SimulatorFixture.KARI);

        RawEws.Answer ambiguous = resolve("Kari");
        assertThat(message(ambiguous)).isEqualTo("Warning");
        assertThat(ambiguous.responseCode()).isEqualTo("ErrorNameResolutionMultipleResults");
        assertThat(resolutions(ambiguous)).isEqualTo(2);

        assertThat(resolutions(resolve("smtp:kari.h"))).isEqualTo(1);
        RawEws.Answer unknown = resolve("Nobody Atall");
        assertThat(message(unknown)).isEqualTo("Error");
        assertThat(unknown.responseCode()).isEqualTo("ErrorNameResolutionNoResults");
    }

    @Test
    void ewsJavaApiResolvesAName() throws Exception {
        try (ExchangeService service = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT,
                SimulatorFixture.PASSWORD, "ACME", SimulatorFixture.KARI)) {
            NameResolutionCollection resolved = service.resolveName(SimulatorFixture.OLA);

            assertThat(resolved.getCount()).isEqualTo(1);
            assertThat(resolved.nameResolutionCollection(0).getMailbox().getName()).isEqualTo("Ola Hansen");
        }
    }

    @Test
    void convertIdTranslatesThereAndBackAndRefusesAnIdOfAnotherMailbox() throws Exception {
        String id = simulator.control().createAppointment(SimulatorFixture.KARI,
                SimulatorFixture.single("x", "2026-12-08T09:00:00Z", "2026-12-08T10:00:00Z")).itemId();

        String hex = convert(id, "EwsId", "HexEntryId", SimulatorFixture.KARI);
        assertThat(hex).matches("[0-9A-F]+");
        assertThat(convert(hex, "HexEntryId", "EwsId", SimulatorFixture.KARI)).isEqualTo(id);
        RawEws.Answer foreign = ews.post(SimulatorFixture.KARI, convertRequest(id, "EwsId", "EntryId", SimulatorFixture.OLA));
        assertThat(foreign.responseCode()).isEqualTo("ErrorItemNotFound");
    }

    private static String convertRequest(String id, String from, String to, String mailbox) {
        return "<m:ConvertId DestinationFormat=\"" + to + "\"><m:SourceIds><t:AlternateId Format=\"" + from + "\" Id=\"" + id
                + "\" Mailbox=\"" + mailbox + "\"/></m:SourceIds></m:ConvertId>";
    }

    private static String convert(String id, String from, String to, String mailbox) throws Exception {
        RawEws.Answer answer = ews.post(SimulatorFixture.KARI, convertRequest(id, from, to, mailbox));
        Element alternate = (Element) answer.document().getElementsByTagNameNS(RawEws.M, "AlternateId").item(0);
        assertThat(alternate.getAttribute("Mailbox")).isEqualTo(mailbox);
        assertThat(alternate.getAttribute("Format")).isEqualTo(to);
        return alternate.getAttribute("Id");
    }
}
