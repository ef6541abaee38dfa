@NullMarked
package io.transcoder.downloader;

import org.jspecify.annotations.NullMarked;
