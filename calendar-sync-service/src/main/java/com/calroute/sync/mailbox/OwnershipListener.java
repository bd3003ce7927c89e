package com.calroute.sync.mailbox;

import com.calroute.contracts.users.UserMessage;

import java.util.Collection;
import java.util.Map;

/** What the scheduler hears from the users.v1 consumer group; all calls come from the consumer's thread. */
public interface OwnershipListener {

    /**
     * A users.v1 partition became ours and was read to its end: {@code latest} holds each key's latest value (null
     * for an un-enrolled user). Called after the calendar ledger for the partition is loaded.
     */
    void partitionAssigned(int partition, Map<String, UserMessage> latest);

    /** A user's settings changed (null: un-enrolled) in a partition we own. */
    void userChanged(int partition, String key, UserMessage user);

    /** Partitions handed to another replica: stop syncing their users, publish nothing more for them. */
    void partitionsRevoked(Collection<Integer> partitions);
}
