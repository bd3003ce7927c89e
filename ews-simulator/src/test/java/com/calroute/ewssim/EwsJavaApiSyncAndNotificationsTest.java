package com.calroute.ewssim;

import com.calroute.ewssim.control.AppointmentSpec;
import com.calroute.ewssim.control.Specs;
import microsoft.exchange.webservices.data.core.ExchangeService;
import microsoft.exchange.webservices.data.core.PropertySet;
import microsoft.exchange.webservices.data.core.enumeration.misc.error.ServiceError;
import microsoft.exchange.webservices.data.core.enumeration.notification.EventType;
import microsoft.exchange.webservices.data.core.enumeration.property.BasePropertySet;
import microsoft.exchange.webservices.data.core.enumeration.property.WellKnownFolderName;
import microsoft.exchange.webservices.data.core.enumeration.service.SyncFolderItemsScope;
import microsoft.exchange.webservices.data.core.enumeration.sync.ChangeType;
import microsoft.exchange.webservices.data.core.exception.service.remote.ServiceResponseException;
import microsoft.exchange.webservices.data.notification.GetEventsResults;
import microsoft.exchange.webservices.data.notification.ItemEvent;
import microsoft.exchange.webservices.data.notification.NotificationEvent;
import microsoft.exchange.webservices.data.notification.PullSubscription;
import microsoft.exchange.webservices.data.notification.StreamingSubscription;
import microsoft.exchange.webservices.data.notification.StreamingSubscriptionConnection;
import microsoft.exchange.webservices.data.notification.SubscriptionErrorEventArgs;
import microsoft.exchange.webservices.data.property.complex.FolderId;
import microsoft.exchange.webservices.data.property.complex.Mailbox;
import microsoft.exchange.webservices.data.sync.ChangeCollection;
import microsoft.exchange.webservices.data.sync.ItemChange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** SyncFolderItems, streaming and pull notifications through the real ews-java-api client. */
class EwsJavaApiSyncAndNotificationsTest {
    private EwsSimulator simulator;
    private ExchangeService kari;

    @BeforeEach
    void start() {
        simulator = SimulatorFixture.start("Exchange2013_SP1");
        kari = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD, "ACME",
                SimulatorFixture.KARI);
    }

    /**
     * Closing the simulator ends every streaming response with ConnectionStatus Closed. The tests do not call
     * StreamingSubscriptionConnection.close(): ews-java-api drains the response there, which against Exchange (and
     * so against the simulator) blocks until the server ends the connection.
     */
    @AfterEach
    void stop() {
        simulator.close();
    }

    private static FolderId calendar(String mailbox) {
        return new FolderId(WellKnownFolderName.Calendar, new Mailbox(mailbox));
    }

    @Test
    void syncFolderItemsReplaysCreatesUpdatesAndDeletesInPages() throws Exception {
        Specs.ItemRef first = simulator.control().createAppointment(SimulatorFixture.KARI,
                SimulatorFixture.single("one", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"));
        simulator.control().createAppointment(SimulatorFixture.KARI, SimulatorFixture.weekly("series",
                "2026-12-01T09:00:00+01:00", "2026-12-01T09:30:00+01:00", List.of("TUESDAY"), null));

        ChangeCollection<ItemChange> page1 = kari.syncFolderItems(calendar(SimulatorFixture.KARI),
                PropertySet.FirstClassProperties, null, 1, SyncFolderItemsScope.NormalItems, null);
        assertThat(page1.getCount()).isEqualTo(1);
        assertThat(page1.getMoreChangesAvailable()).isTrue();
        ChangeCollection<ItemChange> page2 = kari.syncFolderItems(calendar(SimulatorFixture.KARI),
                PropertySet.FirstClassProperties, null, 10, SyncFolderItemsScope.NormalItems, page1.getSyncState());
        assertThat(page2.getCount()).isEqualTo(1);
        assertThat(page2.getMoreChangesAvailable()).isFalse();
        assertThat(page2.getChangeAtIndex(0).getChangeType()).isEqualTo(ChangeType.Create);

        simulator.control().updateAppointment(SimulatorFixture.KARI, first.itemId(), Map.of("subject", "one, renamed"));
        ChangeCollection<ItemChange> updates = kari.syncFolderItems(calendar(SimulatorFixture.KARI),
                PropertySet.FirstClassProperties, null, 10, SyncFolderItemsScope.NormalItems, page2.getSyncState());
        assertThat(updates.getCount()).isEqualTo(1);
        assertThat(updates.getChangeAtIndex(0).getChangeType()).isEqualTo(ChangeType.Update);
        assertThat(updates.getChangeAtIndex(0).getItem().getSubject()).isEqualTo("one, renamed");

        simulator.control().deleteAppointment(SimulatorFixture.KARI, first.itemId());
        ChangeCollection<ItemChange> deletes = kari.syncFolderItems(calendar(SimulatorFixture.KARI),
                PropertySet.IdOnly, null, 10, SyncFolderItemsScope.NormalItems, updates.getSyncState());
        assertThat(deletes.getCount()).isEqualTo(1);
        assertThat(deletes.getChangeAtIndex(0).getChangeType()).isEqualTo(ChangeType.Delete);
        assertThat(deletes.getChangeAtIndex(0).getItemId().getUniqueId()).isEqualTo(first.itemId());
    }

    @Test
    void aTamperedSyncStateIsInvalidSyncStateData() {
        Throwable thrown = catchThrowable(() -> kari.syncFolderItems(calendar(SimulatorFixture.KARI), PropertySet.IdOnly,
                null, 10, SyncFolderItemsScope.NormalItems, "Q1NTMQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="));

        assertThat(thrown).isInstanceOf(ServiceResponseException.class);
        assertThat(((ServiceResponseException) thrown).getErrorCode()).isEqualTo(ServiceError.ErrorInvalidSyncStateData);
    }

    @Test
    void streamingSubscriptionReceivesEachChangeWithinOneSecond() throws Exception {
        StreamingSubscription subscription = kari.subscribeToStreamingNotifications(List.of(calendar(SimulatorFixture.KARI)),
                EventType.Created, EventType.Modified, EventType.Deleted);
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        StreamingSubscriptionConnection connection = new StreamingSubscriptionConnection(kari, 30);
        connection.addSubscription(subscription);
        BlockingQueue<microsoft.exchange.webservices.data.notification.FolderEvent> folderEvents = new LinkedBlockingQueue<>();
        connection.addOnNotificationEvent((sender, args) -> {
            long now = System.nanoTime();
            for (NotificationEvent event : args.getEvents()) {
                if (event instanceof ItemEvent itemEvent) {
                    received.add(new Received(now, itemEvent));
                } else {
                    folderEvents.add((microsoft.exchange.webservices.data.notification.FolderEvent) event);
                }
            }
        });
        connection.open();
        {
            long created = System.nanoTime();
            Specs.ItemRef item = simulator.control().createAppointment(SimulatorFixture.KARI,
                    SimulatorFixture.single("new", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"));
            assertDeliveredWithinOneSecond(received, created, EventType.Created, item.itemId());

            long modified = System.nanoTime();
            simulator.control().updateAppointment(SimulatorFixture.KARI, item.itemId(), Map.of("freeBusy", "OOF"));
            assertDeliveredWithinOneSecond(received, modified, EventType.Modified, item.itemId());

            long deleted = System.nanoTime();
            simulator.control().deleteAppointment(SimulatorFixture.KARI, item.itemId());
            assertDeliveredWithinOneSecond(received, deleted, EventType.Deleted, item.itemId());
            assertThat(folderEvents).isNotEmpty().allSatisfy(event -> assertThat(event.getEventType()).isEqualTo(EventType.Modified));
        }
    }

    @Test
    void oneAnchoredConnectionCarriesSubscriptionsOfSeveralMailboxes() throws Exception {
        ExchangeService ola = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD,
                "ACME", SimulatorFixture.OLA);
        StreamingSubscription kariSubscription = kari.subscribeToStreamingNotifications(List.of(calendar(SimulatorFixture.KARI)),
                EventType.Created);
        StreamingSubscription olaSubscription = ola.subscribeToStreamingNotifications(List.of(calendar(SimulatorFixture.OLA)),
                EventType.Created);
        BlockingQueue<String> subscriptions = new LinkedBlockingQueue<>();
        StreamingSubscriptionConnection anchored = new StreamingSubscriptionConnection(kari, 30);
        anchored.addSubscription(kariSubscription);
        anchored.addSubscription(olaSubscription);
        anchored.addOnNotificationEvent((sender, args) -> {
            for (NotificationEvent event : args.getEvents()) {
                if (event instanceof ItemEvent) {
                    subscriptions.add(args.getSubscription().getId());
                }
            }
        });
        anchored.open();

        simulator.control().createAppointment(SimulatorFixture.OLA, SimulatorFixture.single("for Ola", "2026-12-01T09:00:00Z",
                "2026-12-01T10:00:00Z"));

        assertThat(subscriptions.poll(5, TimeUnit.SECONDS)).isEqualTo(olaSubscription.getId());
        assertThat(simulator.control().requests(SimulatorFixture.ACCOUNT, SimulatorFixture.KARI, "GetStreamingEvents"))
                .singleElement().satisfies(entry -> assertThat(entry.anchorMatches()).isTrue());
    }

    @Test
    void theServerClosesTheConnectionAtItsTimeoutAndHeartbeatsMeanwhile() throws Exception {
        simulator.control().updateServer(Map.of("heartbeatSeconds", 1, "streamingConnectionTimeoutSeconds", 3));
        StreamingSubscription subscription = kari.subscribeToStreamingNotifications(List.of(calendar(SimulatorFixture.KARI)),
                EventType.Created);
        BlockingQueue<SubscriptionErrorEventArgs> disconnects = new LinkedBlockingQueue<>();
        StreamingSubscriptionConnection connection = new StreamingSubscriptionConnection(kari, 30);
        connection.addSubscription(subscription);
        connection.addOnDisconnect((sender, args) -> disconnects.add(args));
        long opened = System.nanoTime();
        connection.open();

        SubscriptionErrorEventArgs closed = disconnects.poll(15, TimeUnit.SECONDS);

        assertThat(closed).isNotNull();
        assertThat(closed.getException()).isNull();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opened)).isGreaterThanOrEqualTo(2500);
        assertThat(simulator.control().requests(SimulatorFixture.ACCOUNT, SimulatorFixture.KARI, "GetStreamingEvents")).isNotEmpty();
    }

    @Test
    void aDroppedStreamingConnectionIsReportedAsADisconnectWithAnError() throws Exception {
        StreamingSubscription subscription = kari.subscribeToStreamingNotifications(List.of(calendar(SimulatorFixture.KARI)),
                EventType.Created);
        BlockingQueue<SubscriptionErrorEventArgs> disconnects = new LinkedBlockingQueue<>();
        StreamingSubscriptionConnection connection = new StreamingSubscriptionConnection(kari, 30);
        connection.addSubscription(subscription);
        connection.addOnDisconnect((sender, args) -> disconnects.add(args));
        connection.open();
        org.awaitility.Awaitility.await().atMost(5, TimeUnit.SECONDS)
                .until(() -> (Integer) simulator.control().streamingStats().get("streamingConnections") == 1);

        simulator.control().addFault(Map.of("mailbox", SimulatorFixture.KARI, "kind", "DROP_STREAMING", "count", 1));

        SubscriptionErrorEventArgs dropped = disconnects.poll(10, TimeUnit.SECONDS);
        assertThat(dropped).isNotNull();
        assertThat(dropped.getException()).isNotNull();
    }

    @Test
    void tooManyStreamingConnectionsForOneMailboxExceedTheConnectionCount() throws Exception {
        simulator.control().updateServer(Map.of("maxStreamingConnectionsPerMailbox", 1));
        StreamingSubscription first = kari.subscribeToStreamingNotifications(List.of(calendar(SimulatorFixture.KARI)), EventType.Created);
        StreamingSubscription second = kari.subscribeToStreamingNotifications(List.of(calendar(SimulatorFixture.KARI)), EventType.Created);
        StreamingSubscriptionConnection open = new StreamingSubscriptionConnection(kari, 30);
        open.addSubscription(first);
        open.open();
        ExchangeService other = EwsClients.impersonating(simulator.httpEwsUrl(), SimulatorFixture.ACCOUNT, SimulatorFixture.PASSWORD,
                "ACME", SimulatorFixture.KARI);
        StreamingSubscriptionConnection refused = new StreamingSubscriptionConnection(other, 30);
        refused.addSubscription(second);
        BlockingQueue<SubscriptionErrorEventArgs> errors = new LinkedBlockingQueue<>();
        refused.addOnSubscriptionError((sender, args) -> errors.add(args));
        refused.open();
        SubscriptionErrorEventArgs error = errors.poll(10, TimeUnit.SECONDS);
        assertThat(error).isNotNull();
        assertThat(((ServiceResponseException) error.getException()).getErrorCode()).isEqualTo(ServiceError.ErrorExceededConnectionCount);
    }

    @Test
    void pullSubscriptionsHandOutEventsThroughGetEvents() throws Exception {
        PullSubscription subscription = kari.subscribeToPullNotifications(List.of(calendar(SimulatorFixture.KARI)), 5, null,
                EventType.Created, EventType.Deleted);
        Specs.ItemRef item = simulator.control().createAppointment(SimulatorFixture.KARI,
                SimulatorFixture.single("pulled", "2026-12-01T09:00:00Z", "2026-12-01T10:00:00Z"));

        GetEventsResults first = subscription.getEvents();
        List<ItemEvent> events = new ArrayList<>();
        first.getItemEvents().forEach(events::add);
        assertThat(events).extracting(ItemEvent::getItemId).extracting(id -> id.getUniqueId()).containsExactly(item.itemId());
        assertThat(events).extracting(ItemEvent::getEventType).containsExactly(EventType.Created);

        GetEventsResults second = subscription.getEvents();
        assertThat(second.getItemEvents()).isEmpty();

        subscription.unsubscribe();
        Throwable thrown = catchThrowable(subscription::getEvents);
        assertThat(((ServiceResponseException) thrown).getErrorCode()).isEqualTo(ServiceError.ErrorSubscriptionNotFound);
    }

    @Test
    void exceptionsInASeriesReachTheClientThroughSyncAndBind() throws Exception {
        Specs.ItemRef series = simulator.control().createAppointment(SimulatorFixture.KARI, SimulatorFixture.weekly("weekly",
                "2026-12-07T10:00:00+01:00", "2026-12-07T11:00:00+01:00", List.of("MONDAY"), 4));
        simulator.control().modifyOccurrence(SimulatorFixture.KARI, series.itemId(), java.time.Instant.parse("2026-12-14T09:00:00Z"),
                new AppointmentSpec.OccurrenceSpec(null, null, null, null, null, null, null, null, null, null, null, true, null));

        ChangeCollection<ItemChange> changes = kari.syncFolderItems(calendar(SimulatorFixture.KARI),
                new PropertySet(BasePropertySet.FirstClassProperties), null, 10, SyncFolderItemsScope.NormalItems, null);

        assertThat(changes.getCount()).isEqualTo(1);
        microsoft.exchange.webservices.data.core.service.item.Appointment master =
                microsoft.exchange.webservices.data.core.service.item.Appointment.bind(kari, changes.getChangeAtIndex(0).getItemId());
        assertThat(master.getModifiedOccurrences().getCount()).isEqualTo(1);
        assertThat(master.getLastOccurrence().getStart().toInstant()).isEqualTo(java.time.Instant.parse("2026-12-28T09:00:00Z"));
    }

    private record Received(long atNanos, ItemEvent event) {
    }

    private static void assertDeliveredWithinOneSecond(BlockingQueue<Received> received, long changedAtNanos, EventType type,
            String itemId) throws InterruptedException {
        Received event = received.poll(5, TimeUnit.SECONDS);
        assertThat(event).as("a %s event", type).isNotNull();
        assertThat(event.event().getEventType()).isEqualTo(type);
        assertThat(event.event().getItemId().getUniqueId()).isEqualTo(itemId);
        assertThat(TimeUnit.NANOSECONDS.toMillis(event.atNanos() - changedAtNanos)).isLessThan(1000);
    }
}
