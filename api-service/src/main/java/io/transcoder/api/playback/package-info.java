/**
 * Playing a job's adaptive stream and storyboard straight from private storage: the manifests are served here through
 * signed, expiring links ({@link io.transcoder.storage.ManifestLinks}), rewritten so that every file they name is
 * signed too.
 */
@NullMarked
package io.transcoder.api.playback;

import org.jspecify.annotations.NullMarked;
