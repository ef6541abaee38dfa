package io.transcoder.notifier.notification;

import io.transcoder.messages.StoredOutput;
import java.time.Instant;

/** A link that downloads one output without credentials until it expires. */
record DownloadLink(StoredOutput output, String url, Instant expiresAt) {}
