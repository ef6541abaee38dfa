@NullMarked
package io.transcoder.uploader.cleanup;

import org.jspecify.annotations.NullMarked;
