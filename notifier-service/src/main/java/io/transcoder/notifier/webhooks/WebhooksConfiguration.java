package io.transcoder.notifier.webhooks;

import io.transcoder.TranscoderProperties;
import io.transcoder.jobs.JobStore;
import io.transcoder.messaging.EventPublisher;
import io.transcoder.notifier.NotifierProperties;
import io.transcoder.storage.DownloadLinks;
import io.transcoder.storage.LinkProperties;
import io.transcoder.webhooks.CallbackUrlPolicy;
import io.transcoder.webhooks.DeliveryLog;
import io.transcoder.webhooks.WebhookSecrets;
import java.net.http.HttpClient;
import java.time.Clock;
import org.springframework.amqp.rabbit.config.RetryInterceptorBuilder;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.retry.ImmediateRequeueMessageRecoverer;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class WebhooksConfiguration {

    static final String CONTAINER_FACTORY = "webhooksListenerContainerFactory";

    @Bean
    WebhookDeliveries webhookDeliveries(JobStore jobs, DeliveryLog deliveries, CallbackUrlPolicy policy,
            WebhookSecrets secrets, DownloadLinks links, LinkProperties linkProperties, NotifierProperties notifier,
            WebhookDeliveryProperties webhooks, EventPublisher publisher, TranscoderProperties transcoder,
            JsonMapper json) {
        HttpClient http = WebhookSender.client(webhooks.connectTimeout());
        WebhookPayloads payloads =
                new WebhookPayloads(links, notifier.linkTtl(), linkProperties.publicUrl(), json, Clock.systemUTC());
        return new WebhookDeliveries(jobs, deliveries, policy, secrets, payloads,
                new WebhookSender(http, webhooks.connectTimeout(), webhooks.requestTimeout()), publisher,
                transcoder.retry(), webhooks.giveUpAfter(), Clock.systemUTC());
    }

    /**
     * The webhooks' listeners are configured as every other (acknowledgement, prefetch, in-process retries), but a
     * message whose retries are spent goes back to its queue instead of to the stage recoverer: a webhook must never
     * fail its job, and a message of it that keeps failing (Redis or the broker away) must not be lost. After the
     * queue's delivery limit the broker parks it, for an operator.
     */
    @Bean(CONTAINER_FACTORY)
    SimpleRabbitListenerContainerFactory webhooksListenerContainerFactory(
            SimpleRabbitListenerContainerFactoryConfigurer configurer, ConnectionFactory connectionFactory,
            RabbitProperties rabbit, WebhookDeliveryProperties webhooks) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        RabbitProperties.ListenerRetry retry = rabbit.getListener().getSimple().getRetry();
        factory.setAdviceChain(RetryInterceptorBuilder.stateless()
                .maxRetries(retry.isEnabled() ? Math.toIntExact(retry.getMaxRetries()) : 0)
                .backOffOptions(retry.getInitialInterval().toMillis(), retry.getMultiplier(),
                        retry.getMaxInterval().toMillis())
                .recoverer(new ImmediateRequeueMessageRecoverer())
                .build());
        factory.setConcurrentConsumers(webhooks.consumers());
        factory.setMaxConcurrentConsumers(webhooks.consumers());
        return factory;
    }
}
