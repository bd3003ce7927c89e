package com.calroute.sync.contract;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The one {@link Intake} every consumer of the service checks its records with. */
@ApplicationScoped
public class IntakeProducer {

    @Produces
    @Singleton
    Intake intake(KafkaProducer<String, String> producer) {
        return new Intake(new ContractCheck(), producer);
    }
}
