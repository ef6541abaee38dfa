@NullMarked
package io.transcoder.storage;

import org.jspecify.annotations.NullMarked;
