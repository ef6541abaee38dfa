package io.transcoder.api.playback;

import java.time.Duration;

/**
 * A manifest ready to answer.
 *
 * @param mediaType the stored file's media type
 * @param text the manifest as rewritten for its reader
 * @param life how long its link (and every link in it) stays valid, hence the longest it may be cached
 */
record ServedManifest(String mediaType, String text, Duration life) {}
