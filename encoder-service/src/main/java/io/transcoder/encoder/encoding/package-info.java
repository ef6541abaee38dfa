/** Encoding a job's source into its formats: probe, validate, run ffmpeg under limits, report progress. */
@NullMarked
package io.transcoder.encoder.encoding;

import org.jspecify.annotations.NullMarked;
