/** Room in the work volume: the downloader takes a job only while its source fits above a kept minimum. */
@NullMarked
package io.transcoder.downloader.space;

import org.jspecify.annotations.NullMarked;
