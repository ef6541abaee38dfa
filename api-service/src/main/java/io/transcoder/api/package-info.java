@NullMarked
package io.transcoder.api;

import org.jspecify.annotations.NullMarked;
