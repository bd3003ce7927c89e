package com.calroute.ewssim;

import com.calroute.ewssim.control.Specs;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.enumeration.property.OofExternalAudience;
import microsoft.exchange.webservices.data.core.enumeration.property.OofState;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceRequestException;
import microsoft.exchange.webservices.data.misc.availability.OofReply;
import microsoft.exchange.webservices.data.property.complex.availability.OofSettings;
import microsoft.exchange.webservices.data.misc.availability.TimeWindow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real ews-java-api client reads and sets automatic replies (GetUserOofSettings, SetUserOofSettings) as it would
 * against Exchange; the control API sets them as Outlook's "Automatic replies" would.
 */
class EwsJavaApiAutomaticRepliesTest {
    private static EwsSimulator simulator;
    private static ExchangeService kari;

    @BeforeAll
    static void start() {
        simulator = SimulatorFixture.start("Exchange2013_SP1");
        kari = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD,
                "ACME", SimulatorFixture.KARI);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void aNewMailboxHasThemOffAndAScheduledReplyReadsBackWithItsWindow() throws Exception {
        assertThat(kari.getUserOofSettings(SimulatorFixture.KARI).getState()).isEqualTo(OofState.Disabled);

        simulator.control().putAutomaticReplies(SimulatorFixture.KARI, new Specs.AutomaticRepliesSpec("Scheduled",
                "2026-12-21T23:00:00Z", "2027-01-03T23:00:00Z", "Jeg er på juleferie", "On holiday"));
        OofSettings read = kari.getUserOofSettings(SimulatorFixture.KARI);

        assertThat(read.getState()).isEqualTo(OofState.Scheduled);
        assertThat(read.getDuration().getStartTime().toInstant()).isEqualTo(Instant.parse("2026-12-21T23:00:00Z"));
        assertThat(read.getDuration().getEndTime().toInstant()).isEqualTo(Instant.parse("2027-01-03T23:00:00Z"));
        assertThat(read.getInternalReply().getMessage()).isEqualTo("Jeg er på juleferie");
    }

    @Test
    void theClientSetsThemAndTheControlApiSeesTheChange() throws Exception {
        OofSettings settings = new OofSettings();
        settings.setState(OofState.Enabled);
        settings.setExternalAudience(OofExternalAudience.All);
        settings.setDuration(new TimeWindow(Date.from(Instant.parse("2026-12-07T07:00:00Z")),
                Date.from(Instant.parse("2026-12-08T07:00:00Z"))));
        settings.setInternalReply(new OofReply("Borte i dag"));
        settings.setExternalReply(new OofReply("Away today"));
        kari.setUserOofSettings(SimulatorFixture.KARI, settings);

        assertThat(simulator.control().automaticReplies(SimulatorFixture.KARI)).containsEntry("state", "Enabled")
                .containsEntry("internalReply", "Borte i dag");
        assertThat(kari.getUserOofSettings(SimulatorFixture.KARI).getState()).isEqualTo(OofState.Enabled);
    }

    /** MS-OXWOOF 3.1.4.1: another user's mailbox gets a SOAP fault, which the client raises as a failed request. */
    @Test
    void anotherMailboxsRepliesAreRefused() {
        assertThatThrownBy(() -> kari.getUserOofSettings(SimulatorFixture.OLA))
                .isInstanceOf(ServiceRequestException.class).hasMessageContaining("Access is denied");
    }
}
