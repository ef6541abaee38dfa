@NullMarked
package io.transcoder.api.upload;

import org.jspecify.annotations.NullMarked;
