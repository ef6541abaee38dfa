package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.test.TestClips;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Sources made to mislead or exhaust the encoder, generated at test time (tiny pictures, few frames) and never
 * committed. Where ffmpeg will not write a lie, a generated file is patched: the patches rely on the exact bytes
 * ffmpeg 5.1 writes, and each fails loudly should a pattern not be found.
 */
final class HostileClips {

    private static final String TINY = "testsrc2=size=16x16:rate=10:duration=";
    private static final List<String> H264 = List.of("-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p");

    private HostileClips() {}

    /** A Matroska file whose header says it lasts {@code claimedSeconds}, holding {@code seconds} of 16x16 video. */
    static Path understatingItsDuration(Path target, int seconds, int claimedSeconds) {
        ffmpeg(target, concat(List.of("-f", "lavfi", "-i", TINY + seconds), H264, List.of("-f", "matroska")));
        // the segment's Duration element (0x4489), an 8-byte float of milliseconds
        return patch(target, "448988", 3, ByteBuffer.allocate(8).putDouble(claimedSeconds * 1000.0).array());
    }

    /** MPEG-TS whose H.264 picture grows from 16x16 to 8192x16 half-way, as two elementary streams back to back. */
    static Path changingResolution(Path target) {
        Path small = target.resolveSibling(target.getFileName() + ".small.h264");
        Path wide = target.resolveSibling(target.getFileName() + ".wide.h264");
        ffmpeg(small, concat(List.of("-f", "lavfi", "-i", TINY + 1), H264, List.of("-f", "h264")));
        ffmpeg(wide, concat(List.of("-f", "lavfi", "-i", "testsrc2=size=8192x16:rate=10:duration=1"), H264,
                List.of("-f", "h264")));
        Path both = target.resolveSibling(target.getFileName() + ".h264");
        write(both, concat(read(small), read(wide)));
        ffmpeg(target, List.of("-r", "10", "-f", "h264", "-i", both.toString(), "-c", "copy", "-f", "mpegts"));
        delete(small, wide, both);
        return target;
    }

    /** One second of 16x16 video at the given frame rate. */
    static Path atFrameRate(Path target, int framesPerSecond) {
        return ffmpeg(target, concat(
                List.of("-f", "lavfi", "-i", "testsrc2=size=16x16:rate=" + framesPerSecond + ":duration=1"), H264,
                List.of("-f", "matroska")));
    }

    /** One second of 16x16 video whose title tag is {@code tagBytes} long. */
    static Path withHugeTag(Path target, int tagBytes) {
        Path metadata = target.resolveSibling(target.getFileName() + ".meta");
        TestClips.write(metadata, ";FFMETADATA1\ntitle=" + "A".repeat(tagBytes) + "\n");
        ffmpeg(target, concat(List.of("-f", "lavfi", "-i", TINY + 1, "-i", metadata.toString(), "-map", "0",
                "-map_metadata", "1"), H264, List.of("-f", "matroska")));
        delete(metadata);
        return target;
    }

    /** A fifth of a second of 16x16 video with {@code streams - 1} silent audio streams beside it. */
    static Path withStreams(Path target, int streams) {
        List<String> arguments = new ArrayList<>(List.of("-f", "lavfi", "-i", TINY + 1,
                "-f", "lavfi", "-i", "anullsrc=sample_rate=8000:channel_layout=mono", "-t", "0.2", "-map", "0:v"));
        for (int i = 1; i < streams; i++) {
            arguments.addAll(List.of("-map", "1:a"));
        }
        return ffmpeg(target, concat(arguments, H264, List.of("-c:a", "pcm_u8", "-f", "matroska")));
    }

    /**
     * One Motion JPEG picture in Matroska whose container and JPEG headers both say {@code width} x {@code height}:
     * made at 256x256 and patched, so it costs nothing to write.
     */
    static Path withPictureSize(Path target, int width, int height) {
        ffmpeg(target, List.of("-f", "lavfi", "-i", "color=size=256x256:rate=1:duration=1", "-frames:v", "1",
                "-c:v", "mjpeg", "-pix_fmt", "yuvj420p", "-f", "matroska"));
        patch(target, "b0820100", 2, twoBytes(width)); // PixelWidth
        patch(target, "ba820100", 2, twoBytes(height)); // PixelHeight
        // the JPEG's start of frame: marker, length, precision, then height and width
        return patch(target, "ffc00011080100", 5, concat(twoBytes(height), twoBytes(width)));
    }

    /** A 1x1 picture held for {@code hours} hours, one frame an hour: eleven PNG frames in Matroska. */
    static Path lastingHours(Path target, int hours) {
        return ffmpeg(target, List.of("-f", "lavfi",
                "-i", "color=color=gray:size=1x1:rate=1/3600:duration=" + hours * 3600 + ",format=gray",
                "-c:v", "png", "-f", "matroska"));
    }

    /** The first half of an MP4 file; {@code indexFirst} puts its index (moov) before the media (faststart). */
    static Path truncatedMp4(Path target, boolean indexFirst) {
        Path whole = TestClips.video(target.resolveSibling(target.getFileName() + ".whole.mp4"));
        if (indexFirst) {
            Path faststart = whole.resolveSibling(whole.getFileName() + ".faststart.mp4");
            ffmpeg(faststart, List.of("-i", whole.toString(), "-c", "copy", "-movflags", "+faststart", "-f", "mp4"));
            delete(whole);
            whole = faststart;
        }
        byte[] bytes = read(whole);
        delete(whole);
        return write(target, Arrays.copyOf(bytes, bytes.length / 2));
    }

    static Path randomBytes(Path target, int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        return write(target, bytes);
    }

    /** A GIF with an MP4 file appended: whichever a reader takes it for, it holds a video. */
    static Path gifThenMp4(Path target) {
        Path gif = ffmpeg(target.resolveSibling(target.getFileName() + ".gif"),
                List.of("-f", "lavfi", "-i", "testsrc2=size=24x24:rate=5:duration=1", "-f", "gif"));
        Path mp4 = TestClips.video(target.resolveSibling(target.getFileName() + ".mp4"));
        write(target, concat(read(gif), read(mp4)));
        delete(gif, mp4);
        return target;
    }

    /** A valid HLS playlist naming {@code url}, followed by valid MPEG-TS video. */
    static Path playlistThenTransportStream(Path target, String url) {
        Path ts = TestClips.video(target.resolveSibling(target.getFileName() + ".ts"), "mpegts", "32x24");
        String playlist = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n" + url + "\n#EXT-X-ENDLIST\n";
        write(target, concat(playlist.getBytes(StandardCharsets.US_ASCII), read(ts)));
        delete(ts);
        return target;
    }

    /** What ffprobe says of a file's entries, as {@code -of csv=p=0} prints them, one section a line. */
    static String describe(Path file, String entries) {
        try {
            Process process = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-show_entries", entries,
                    "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ffprobe finished in time").isTrue();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path patch(Path file, String hexPattern, int offset, byte[] replacement) {
        byte[] bytes = read(file);
        byte[] pattern = HexFormat.of().parseHex(hexPattern);
        int at = indexOf(bytes, pattern);
        assertThat(at).as("where %s is in %s", hexPattern, file).isNotNegative();
        System.arraycopy(replacement, 0, bytes, at + offset, replacement.length);
        return write(file, bytes);
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] twoBytes(int value) {
        assertThat(value).isBetween(0, 0xFFFF);
        return new byte[] {(byte) (value >> 8), (byte) value};
    }

    /** Runs ffmpeg with the arguments and the target as its output. */
    static Path ffmpeg(Path target, List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y"));
        command.addAll(arguments);
        command.add(target.toAbsolutePath().toString());
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ffmpeg finished in time").isTrue();
            assertThat(process.exitValue()).as("ffmpeg's exit code; it said: %s", output).isZero();
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(List<String> first, List<String> second, List<String> third) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        all.addAll(third);
        return all;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path... files) {
        try {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
