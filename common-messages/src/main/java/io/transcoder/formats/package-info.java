@NullMarked
package io.transcoder.formats;

import org.jspecify.annotations.NullMarked;
