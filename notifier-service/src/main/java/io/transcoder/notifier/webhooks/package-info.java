/**
 * The {@code webhooks} consumer: tells a job's callback URL, with a signed POST, that the job completed, failed or
 * was cancelled, retrying through the broker's retry queues until it is delivered or too long has passed. It stands
 * apart from the email, and never changes the job.
 */
@NullMarked
package io.transcoder.notifier.webhooks;

import org.jspecify.annotations.NullMarked;
