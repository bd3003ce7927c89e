package com.calroute.ewssim.soap;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class HardenedXmlTest {
    @Test
    void requestsWithADoctypeAreRefusedBeforeAnyEntityIsResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<s:Envelope xmlns:s=\"" + EwsNamespaces.SOAP + "\"><s:Body><m:GetFolder xmlns:m=\"" + EwsNamespaces.MESSAGES
                + "\">&x;</m:GetFolder></s:Body></s:Envelope>";

        EwsFault fault = catchThrowableOfType(() -> SoapRequest.parse(xxe.getBytes(StandardCharsets.UTF_8)), EwsFault.class);

        assertThat(fault.responseCode()).isEqualTo(ResponseCodes.SCHEMA_VALIDATION);
        assertThat(fault.getMessage()).doesNotContain("root:");
    }

    @Test
    void theWriterEscapesTextAndAttributesAndSelfClosesEmptyElements() {
        XmlWriter w = new XmlWriter();
        w.start("t:A").attr("x", "a\"<&>\n").start("t:B").text("1 < 2 & \"q\" \u0001").end().start("t:C").end().end();

        assertThat(w.toString()).isEqualTo("<t:A x=\"a&quot;&lt;&amp;&gt;&#xA;\"><t:B>1 &lt; 2 &amp; \"q\" </t:B><t:C/></t:A>");
    }

    @Test
    void impersonationHeadersAreReadInAllThreeForms() {
        for (String kind : new String[] {"SmtpAddress", "PrimarySmtpAddress", "PrincipalName"}) {
            String envelope = "<s:Envelope xmlns:s=\"" + EwsNamespaces.SOAP + "\" xmlns:t=\"" + EwsNamespaces.TYPES + "\"><s:Header>"
                    + "<t:RequestServerVersion Version=\"Exchange2013\"/><t:ExchangeImpersonation><t:ConnectingSID><t:" + kind
                    + ">kari@acme.example</t:" + kind + "></t:ConnectingSID></t:ExchangeImpersonation></s:Header><s:Body>"
                    + "<m:GetFolder xmlns:m=\"" + EwsNamespaces.MESSAGES + "\"/></s:Body></s:Envelope>";

            SoapRequest request = SoapRequest.parse(envelope.getBytes(StandardCharsets.UTF_8));

            assertThat(request.impersonation()).isEqualTo(new SoapRequest.Impersonation(kind, "kari@acme.example"));
            assertThat(request.requestServerVersion()).isEqualTo("Exchange2013");
            assertThat(request.operationName()).isEqualTo("GetFolder");
        }
    }
}
