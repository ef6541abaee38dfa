package io.transcoder.notifier.notification;

import io.transcoder.messages.StoredOutput;
import java.net.URI;
import java.time.Instant;

/** A link that downloads one output without credentials until it expires. */
record DownloadLink(StoredOutput output, URI url, Instant expiresAt) {}
