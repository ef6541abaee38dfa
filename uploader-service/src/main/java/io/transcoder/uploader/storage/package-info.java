@NullMarked
package io.transcoder.uploader.storage;

import org.jspecify.annotations.NullMarked;
