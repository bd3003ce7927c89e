package com.calroute.routing.status;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardChainTest {

    private static final Instant SINCE = Instant.parse("2026-12-01T09:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-12-01T17:00:00Z");

    @Test
    void aStatusThatDoesNotForwardIsTheAnswer() {
        Status voicemail = status(Action.VOICEMAIL, null, UNTIL);
        ForwardChain.Resolution call = ForwardChain.resolve("+4791000001", voicemail, n -> Optional.empty());
        assertThat(call.status()).isSameAs(voicemail);
        assertThat(call.forwardedVia()).isEmpty();
        assertThat(call.loop()).isFalse();
    }

    @Test
    void aForwardToAColleagueWhoForwardsToo_endsAtTheLastNumber_heldOnlyWhileEveryForwardHolds() {
        Instant colleagueBackAt = Instant.parse("2026-12-01T12:00:00Z");
        Map<String, Status> colleagues = Map.of(
                "+4791000002", status(Action.FORWARD, "+4791000003", colleagueBackAt),
                "+4791000003", status(Action.FORWARD, "+4790000000", null),
                "+4790000000", status(Action.RING, null, null));
        ForwardChain.Resolution call = ForwardChain.resolve("+4791000001",
                status(Action.FORWARD, "+4791000002", UNTIL), n -> Optional.ofNullable(colleagues.get(n)));
        assertThat(call.status().action()).isEqualTo(Action.FORWARD);
        assertThat(call.status().target()).isEqualTo("+4790000000");
        assertThat(call.status().until()).isEqualTo(colleagueBackAt);
        assertThat(call.forwardedVia()).containsExactly("+4791000002", "+4791000003");
        assertThat(call.loop()).isFalse();
    }

    @Test
    void aForwardToSomeoneWhoIsNotForwardingEndsThere() {
        ForwardChain.Resolution call = ForwardChain.resolve("+4791000001",
                status(Action.FORWARD, "+4791000002", UNTIL),
                n -> Optional.of(status(Action.VOICEMAIL, null, null)));
        assertThat(call.status().target()).isEqualTo("+4791000002");
        assertThat(call.forwardedVia()).isEmpty();
    }

    @Test
    void aLoopBetweenColleaguesOrToOneselfEndsInVoicemail() {
        Map<String, Status> colleagues = Map.of("+4791000002", status(Action.FORWARD, "+4791000001", null));
        ForwardChain.Resolution loop = ForwardChain.resolve("+4791000001",
                status(Action.FORWARD, "+4791000002", UNTIL), n -> Optional.ofNullable(colleagues.get(n)));
        assertThat(loop.status().action()).isEqualTo(Action.VOICEMAIL);
        assertThat(loop.status().target()).isNull();
        assertThat(loop.status().state()).isEqualTo(State.OOF);
        assertThat(loop.loop()).isTrue();
        assertThat(loop.forwardedVia()).containsExactly("+4791000002");

        ForwardChain.Resolution self = ForwardChain.resolve("+4791000001",
                status(Action.FORWARD, "+4791000001", UNTIL), n -> Optional.empty());
        assertThat(self.status().action()).isEqualTo(Action.VOICEMAIL);
        assertThat(self.loop()).isTrue();
    }

    @Test
    void aChainLongerThanTheBoundEndsInVoicemail() {
        // +4791000002 forwards to +4791000003, and so on, without end.
        ForwardChain.Resolution call = ForwardChain.resolve("+4791000001",
                status(Action.FORWARD, "+4791000002", UNTIL),
                n -> Optional.of(status(Action.FORWARD, "+4791" + String.format("%06d", Long.parseLong(n.substring(5)) + 1),
                        null)));
        assertThat(call.status().action()).isEqualTo(Action.VOICEMAIL);
        assertThat(call.loop()).isTrue();
        assertThat(call.forwardedVia()).hasSize(ForwardChain.MAX_HOPS);
    }

    private static Status status(Action action, String target, Instant until) {
        return new Status(State.OOF, action, target, SINCE, until, Reason.DEFAULT, until);
    }
}
