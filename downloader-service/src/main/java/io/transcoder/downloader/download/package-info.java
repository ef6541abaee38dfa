@NullMarked
package io.transcoder.downloader.download;

import org.jspecify.annotations.NullMarked;
