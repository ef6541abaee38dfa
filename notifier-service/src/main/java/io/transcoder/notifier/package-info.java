@NullMarked
package io.transcoder.notifier;

import org.jspecify.annotations.NullMarked;
