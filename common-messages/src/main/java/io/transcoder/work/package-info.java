@NullMarked
package io.transcoder.work;

import org.jspecify.annotations.NullMarked;
