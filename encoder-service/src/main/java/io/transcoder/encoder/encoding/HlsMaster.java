package io.transcoder.encoder.encoding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The master playlist of a ladder, from what its rungs hold: ffmpeg 5.1's own gives each rung its configured bitrate
 * as BANDWIDTH and leaves out AVERAGE-BANDWIDTH and FRAME-RATE, which players use to pick a rung. We measure both
 * bandwidths from the segments' sizes and durations, and keep only the CODECS ffmpeg found.
 */
final class HlsMaster {

    private static final Pattern CODECS = Pattern.compile("CODECS=\"([^\"]+)\"");
    private static final Pattern VERSION = Pattern.compile("#EXT-X-VERSION:(\\d+)");

    /** What a rung needs of the network: its highest segment's bitrate and its mean. */
    record Measured(long peakBitsPerSecond, long averageBitsPerSecond) {}

    private HlsMaster() {}

    /** Replaces ffmpeg's master playlist in the folder with {@code master.m3u8}, tallest rung first. */
    static void write(Path folder, List<HlsLadder.Step> steps, double frameRate) {
        Path ffmpegMaster = folder.resolve(HlsLadder.FFMPEG_MASTER);
        String theirs = read(ffmpegMaster);
        Map<String, String> codecs = codecsByPlaylist(theirs);
        Matcher version = VERSION.matcher(theirs);
        StringBuilder master = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:")
                .append(version.find() ? version.group(1) : "7").append("\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (HlsLadder.Step step : steps) {
            String playlist = step.name() + "/index.m3u8";
            Measured measured = measure(folder.resolve(step.name()));
            master.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(measured.peakBitsPerSecond())
                    .append(",AVERAGE-BANDWIDTH=").append(measured.averageBitsPerSecond())
                    .append(",RESOLUTION=").append(step.width()).append('x').append(step.height());
            String codec = codecs.get(playlist);
            if (codec == null) {
                throw new IllegalStateException("ffmpeg's master playlist names no codecs for " + playlist);
            }
            master.append(",CODECS=\"").append(codec).append('"');
            if (frameRate > 0) {
                master.append(",FRAME-RATE=").append(String.format(Locale.ROOT, "%.3f", frameRate));
            }
            master.append('\n').append(playlist).append('\n');
        }
        try {
            Files.writeString(folder.resolve(HlsLadder.MASTER), master);
            Files.delete(ffmpegMaster);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The highest and the mean bitrate of a rung's segments, by its media playlist's EXTINF durations. */
    static Measured measure(Path rung) {
        double peak = 0;
        double seconds = 0;
        long bytes = 0;
        Double duration = null;
        for (String line : read(rung.resolve("index.m3u8")).lines().toList()) {
            if (line.startsWith("#EXTINF:")) {
                duration = Double.parseDouble(line.substring("#EXTINF:".length()).split(",", 2)[0]);
            } else if (!line.isBlank() && !line.startsWith("#") && duration != null) {
                long size = size(rung.resolve(line.strip()));
                if (duration > 0) {
                    peak = Math.max(peak, size * 8 / duration);
                }
                bytes += size;
                seconds += duration;
                duration = null;
            }
        }
        if (seconds <= 0) {
            throw new IllegalStateException("The media playlist in " + rung + " lists no segments");
        }
        return new Measured((long) Math.ceil(peak), (long) Math.ceil(bytes * 8 / seconds));
    }

    // each #EXT-X-STREAM-INF line is followed by the playlist it describes
    private static Map<String, String> codecsByPlaylist(String master) {
        Map<String, String> codecs = new HashMap<>();
        String pending = null;
        for (String line : master.lines().toList()) {
            if (line.startsWith("#EXT-X-STREAM-INF:")) {
                Matcher matcher = CODECS.matcher(line);
                pending = matcher.find() ? matcher.group(1) : null;
            } else if (!line.isBlank() && !line.startsWith("#")) {
                if (pending != null) {
                    codecs.put(line.strip(), pending);
                }
                pending = null;
            }
        }
        return codecs;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
