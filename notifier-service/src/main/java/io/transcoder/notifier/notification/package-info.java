/** Telling a job's owner how it ended: one email per job, with download links or the reason it failed. */
@NullMarked
package io.transcoder.notifier.notification;

import org.jspecify.annotations.NullMarked;
