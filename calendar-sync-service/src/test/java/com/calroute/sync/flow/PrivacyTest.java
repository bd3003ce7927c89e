package com.calroute.sync.flow;

import com.calroute.ewssim.EwsSimulator;
import com.calroute.sync.testsupport.CalendarWatcher;
import com.calroute.sync.testsupport.FakeIdentityAndConfig;
import com.calroute.sync.testsupport.LogCapture;
import com.calroute.sync.testsupport.Simulators;
import com.calroute.sync.testsupport.SyncTestResources;
import com.calroute.sync.testsupport.SharedSimulator;
import com.calroute.sync.testsupport.Topics;
import com.calroute.sync.testsupport.Via;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The canary subjects of Private, Personal and Confidential appointments never reach the topic or any log line, even
 * with subject sharing on (only Normal items share theirs) — over EWS and over Graph alike.
 */
@QuarkusTest
@QuarkusTestResource(SyncTestResources.class)
class PrivacyTest {

    private static final String CANARY = "CANARY-9d41e-divorce-lawyer";

    @ParameterizedTest
    @EnumSource(Via.class)
    void privateSubjectsStayInExchange(Via via) throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        String tenant = via.tenant("privacy");
        String mailbox = via.mailbox("pia@privacy.example");
        Simulators.mailbox(sim, mailbox);
        sim.control().createAppointment(mailbox, Simulators.startingIn(CANARY, "PT2H", "PT1H", "Private"));
        sim.control().createAppointment(mailbox, Simulators.startingIn(CANARY + "-personal", "PT3H", "PT1H", "Personal"));
        sim.control().createAppointment(mailbox, Simulators.startingIn(CANARY + "-confidential", "PT5H", "PT1H",
                "Confidential"));
        sim.control().createAppointment(mailbox, Simulators.startingIn("Quarterly review", "PT4H", "PT1H", "Normal"));
        FakeIdentityAndConfig.instance().putConnection(via.connection(tenant, 1));
        Topics.tenant(tenant, true, 1, 1);
        try (LogCapture logs = new LogCapture(); CalendarWatcher watcher = new CalendarWatcher()) {
            Topics.user(tenant, "u-pia", mailbox, true, 1);
            CalendarWatcher.Seen seen = watcher.await(tenant + "/u-pia", 0,
                    s -> !s.tombstone() && s.message().items().size() == 4, Duration.ofSeconds(20));
            assertThat(seen.message().items()).extracting(item -> item.subject())
                    .containsExactlyInAnyOrder(null, null, null, "Quarterly review");
            assertThat(seen.message().items()).extracting(item -> item.location())
                    .containsExactlyInAnyOrder(null, null, null, "Room 1");

            // A change to the private item travels through streaming or push, logs and the topic once more.
            var id = sim.control().appointments(mailbox).stream().filter(a -> CANARY.equals(a.get("subject")))
                    .findFirst().orElseThrow().get("itemId");
            sim.control().updateAppointment(mailbox, String.valueOf(id), java.util.Map.of("freeBusy", "OOF"));
            watcher.await(tenant + "/u-pia", 1, s -> !s.tombstone() && s.message().items().stream()
                    .anyMatch(item -> item.busyType() == com.calroute.contracts.BusyType.OOF), Duration.ofSeconds(20));

            assertThat(watcher.all()).allSatisfy(record ->
                    assertThat(String.valueOf(record.json())).doesNotContain("CANARY"));
            assertThat(logs.size()).isGreaterThan(0);
            assertThat(logs.text()).doesNotContain("CANARY").doesNotContain(Simulators.PASSWORD)
                    .doesNotContain(Via.SECRET);
            assertThat(watcher.invalid()).isEmpty();
        }
    }

    /**
     * With subject codes and categories defined and sharing off, the subject is read to find the code, yet only the
     * code with its mark and the tenant's category name reach the topic: never the canary in the subject, nor a
     * category the tenant does not define, nor a log line.
     */
    @ParameterizedTest
    @EnumSource(Via.class)
    void codedSubjectsLeaveOnlyTheirCode(Via via) throws Exception {
        EwsSimulator sim = SharedSimulator.get();
        String tenant = via.tenant("codes");
        String mailbox = via.mailbox("kai@codes.example");
        Simulators.mailbox(sim, mailbox);
        sim.control().createAppointment(mailbox, Simulators.startingIn("MØT: " + CANARY, "PT2H", "PT1H", "Normal"));
        sim.control().createAppointment(mailbox, Simulators.startingIn("fer;" + CANARY + "-private", "PT3H", "PT1H",
                "Private"));
        sim.control().createAppointment(mailbox, new com.calroute.ewssim.control.AppointmentSpec(CANARY + "-tagged",
                null, null, null, null, "PT4H", null, null, null, "PT1H", null, null, null, "Free", "Normal", null,
                null, null, null, null, java.util.List.of(CANARY + "-category", "FERIE")));
        FakeIdentityAndConfig.instance().putConnection(via.connection(tenant, 1));
        Topics.tenant(tenant, false, 1, 1, new com.calroute.contracts.tenants.ItemCodes(
                java.util.List.of(new com.calroute.contracts.tenants.ItemCodes.SubjectCode("MØT",
                                com.calroute.contracts.BusyType.BUSY),
                        new com.calroute.contracts.tenants.ItemCodes.SubjectCode("FER",
                                com.calroute.contracts.BusyType.OOF)),
                java.util.List.of(new com.calroute.contracts.tenants.ItemCodes.CategoryRule("Ferie",
                        com.calroute.contracts.BusyType.OOF, true))));
        try (LogCapture logs = new LogCapture(); CalendarWatcher watcher = new CalendarWatcher()) {
            Topics.user(tenant, "u-kai", mailbox, true, 1);
            CalendarWatcher.Seen seen = watcher.await(tenant + "/u-kai", 0,
                    s -> !s.tombstone() && s.message().items().size() == 3, Duration.ofSeconds(20));
            assertThat(seen.message().items()).extracting(item -> item.subjectCode() + item.subjectCodeMark()
                    + "/" + item.category()).containsExactly("MØT:/null", "FER;/null", "nullnull/Ferie");
            assertThat(seen.message().items()).allSatisfy(item -> {
                assertThat(item.subject()).isNull();
                assertThat(item.location()).isNull();
            });
            assertThat(watcher.all()).allSatisfy(record ->
                    assertThat(String.valueOf(record.json())).doesNotContain("CANARY"));
            assertThat(logs.text()).doesNotContain("CANARY");
            assertThat(watcher.invalid()).isEmpty();
        }
    }
}
