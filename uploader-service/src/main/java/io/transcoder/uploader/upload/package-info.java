@NullMarked
package io.transcoder.uploader.upload;

import org.jspecify.annotations.NullMarked;
