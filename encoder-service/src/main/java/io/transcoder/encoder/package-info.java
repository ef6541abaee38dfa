@NullMarked
package io.transcoder.encoder;

import org.jspecify.annotations.NullMarked;
