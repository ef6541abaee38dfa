package io.transcoder.downloader.space;

/** How many bytes the work volume can still take: the one reading a test replaces to fill the disk at will. */
@FunctionalInterface
public interface FreeSpace {

    long usableBytes();
}
