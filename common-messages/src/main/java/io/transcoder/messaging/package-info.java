@NullMarked
package io.transcoder.messaging;

import org.jspecify.annotations.NullMarked;
