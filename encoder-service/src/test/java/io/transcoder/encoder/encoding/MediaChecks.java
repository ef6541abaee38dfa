package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** What a player would make of a rendition, asked of the real ffmpeg, ffprobe and ImageIO. */
final class MediaChecks {

    private MediaChecks() {}

    /** How long a file (or an HLS playlist and the files it names) plays, by ffprobe. */
    static double seconds(Path file) {
        return Double.parseDouble(run(List.of("ffprobe", "-v", "error", "-protocol_whitelist", "file",
                "-show_entries", "format=duration", "-of", "csv=p=0", file.toString())).strip());
    }

    /** Decodes the whole of a file (or an HLS playlist and all it names) and fails on any error. */
    static void assertDecodes(Path file) {
        String errors = run(List.of("ffmpeg", "-nostdin", "-v", "error", "-protocol_whitelist", "file",
                "-i", file.toString(), "-f", "null", "-"));
        assertThat(errors).as("what ffmpeg said decoding %s", file).isBlank();
    }

    static BufferedImage image(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            assertThat(image).as("a picture ImageIO reads in %s", file).isNotNull();
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mean luma (0 to 255) of a region of a picture. */
    static double meanLuma(BufferedImage image, int x, int y, int width, int height) {
        double sum = 0;
        for (int row = y; row < y + height; row++) {
            for (int column = x; column < x + width; column++) {
                int rgb = image.getRGB(column, row);
                sum += 0.299 * (rgb >> 16 & 0xFF) + 0.587 * (rgb >> 8 & 0xFF) + 0.114 * (rgb & 0xFF);
            }
        }
        return sum / ((double) width * height);
    }

    static double meanLuma(BufferedImage image) {
        return meanLuma(image, 0, 0, image.getWidth(), image.getHeight());
    }

    /** What ffmpeg prints at its info level running with the arguments. */
    static String ffmpegLog(List<String> arguments) {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "info"));
        command.addAll(arguments);
        return run(command);
    }

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished in time", command.get(0)).isTrue();
            assertThat(process.exitValue()).as("%s's exit code; it said: %s", command.get(0), output).isZero();
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
