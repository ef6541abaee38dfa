@NullMarked
package io.transcoder.api.formats;

import org.jspecify.annotations.NullMarked;
