/**
 * Webhooks at the API: the callback URL a submission names (or its owner's default), checked against server-side
 * request forgery; each owner's signing secret; and the deliveries of a job, as the notifier recorded them.
 */
@NullMarked
package io.transcoder.api.webhooks;

import org.jspecify.annotations.NullMarked;
