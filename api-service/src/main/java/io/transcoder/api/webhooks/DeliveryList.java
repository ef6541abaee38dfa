package io.transcoder.api.webhooks;

import io.transcoder.webhooks.Delivery;
import java.util.List;

/** A job's webhook deliveries, oldest first: each attempt with its time, status code, error and outcome. */
record DeliveryList(List<Delivery> deliveries) {}
