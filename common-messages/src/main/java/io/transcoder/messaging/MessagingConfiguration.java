package io.transcoder.messaging;

import io.transcoder.TranscoderProperties;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobEvent;
import java.time.Clock;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

/**
 * The messaging plumbing every service needs identically: JSON on the wire, the declared topology, a confirming
 * publisher, and the recoverer that waits out an outage or fails a job whose message keeps failing. Broker settings (confirms, returns,
 * acknowledgement, prefetch, retries) are defaults in {@code transcoder-defaults.yml}.
 */
@Configuration(proxyBeanMethods = false)
public class MessagingConfiguration {

    @Bean
    Topology topology(TranscoderProperties transcoder) {
        return new Topology(transcoder.namespace(), transcoder.deliveryLimit(), transcoder.retry().delays());
    }

    @Bean
    Declarables transcoderTopology(Topology topology) {
        return topology.declarables();
    }

    /** Listeners infer the record from their parameter; the type header is trusted only for our own messages. */
    @Bean
    MessageConverter jsonMessageConverter(JsonMapper json) {
        return new JacksonJsonMessageConverter(json, JobEvent.class.getPackageName());
    }

    @Bean
    EventPublisher eventPublisher(RabbitTemplate rabbit, Topology topology, TranscoderProperties transcoder) {
        return new EventPublisher(rabbit, topology, transcoder.publishTimeout());
    }

    @Bean
    MessageRecoverer stageRecoverer(JobStages stages, JobStore jobs, EventPublisher publisher, Topology topology,
            TranscoderProperties transcoder, JsonMapper json) {
        return new StageRecoverer(stages, jobs, publisher, topology, transcoder.retry(), json, Clock.systemUTC());
    }
}
