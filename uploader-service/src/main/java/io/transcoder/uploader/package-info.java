@NullMarked
package io.transcoder.uploader;

import org.jspecify.annotations.NullMarked;
