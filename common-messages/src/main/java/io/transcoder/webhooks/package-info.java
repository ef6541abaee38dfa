/**
 * Webhooks, as the api-service and the notifier-service must agree on them: which callback URLs are acceptable
 * ({@link CallbackUrlPolicy}), each owner's signing secret and the signature header ({@link WebhookSecrets},
 * {@link WebhookSignature}), and the log of deliveries in Redis ({@link DeliveryLog}) that the notifier writes and the
 * api-service shows.
 */
@NullMarked
package io.transcoder.webhooks;

import org.jspecify.annotations.NullMarked;
