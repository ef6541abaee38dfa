package io.transcoder.notifier.notification;

import io.transcoder.messages.StoredRendition;
import java.net.URI;
import java.time.Instant;

/** A link that downloads one rendition (its entry file) without credentials until it expires. */
record DownloadLink(StoredRendition output, URI url, Instant expiresAt) {}
