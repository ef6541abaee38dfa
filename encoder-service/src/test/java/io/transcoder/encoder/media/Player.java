package io.transcoder.encoder.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What a player makes of a file, asked of ffmpeg: whether it decodes, whether it looks interlaced, what it shows. */
final class Player {

    private static final List<String> FFMPEG = List.of("ffmpeg", "-nostdin", "-hide_banner", "-nostats");
    private static final List<String> FILES_ONLY = List.of("-protocol_whitelist", "file,crypto,data");
    private static final Pattern IDET = Pattern.compile(
            "Multi frame detection: TFF:\\s*(\\d+)\\s+BFF:\\s*(\\d+)\\s+Progressive:\\s*(\\d+)\\s+Undetermined:\\s*(\\d+)");

    private static final Pattern SSIM = Pattern.compile("SSIM .* All:([0-9.]+)");

    private Player() {}

    /**
     * Everything ffmpeg says decoding the whole file (every stream) with {@code -v error -xerror}, and its exit code
     * when not 0: empty when it decodes cleanly.
     */
    static String decodeErrors(Path file) {
        List<String> command = new ArrayList<>(FFMPEG);
        command.addAll(List.of("-v", "error", "-xerror"));
        command.addAll(FILES_ONLY);
        command.addAll(List.of("-i", file.toString(), "-f", "null", "-"));
        Tools.Result result = Tools.run(command);
        return (result.err().strip() + (result.exitCode() == 0 ? "" : " (exit code " + result.exitCode() + ")")).strip();
    }

    /** How ffmpeg's idet filter, looking at several frames at a time, sorts a file's frames. */
    record Fields(int topFirst, int bottomFirst, int progressive, int undetermined) {

        int frames() {
            return topFirst + bottomFirst + progressive + undetermined;
        }

        double interlacedShare() {
            return frames() == 0 ? 0 : (double) (topFirst + bottomFirst) / frames();
        }
    }

    static Fields fields(Path file) {
        List<String> command = new ArrayList<>(FFMPEG);
        command.addAll(List.of("-v", "info"));
        command.addAll(FILES_ONLY);
        command.addAll(List.of("-i", file.toString(), "-map", "0:V:0", "-vf", "idet", "-f", "null", "-"));
        Matcher counts = IDET.matcher(Tools.succeed(command).err());
        if (!counts.find()) {
            throw new IllegalStateException("idet printed no counts for " + file);
        }
        return new Fields(Integer.parseInt(counts.group(1)), Integer.parseInt(counts.group(2)),
                Integer.parseInt(counts.group(3)), Integer.parseInt(counts.group(4)));
    }

    /**
     * How alike (SSIM, 1 when the same) a rendition's video is to its source's made {@code width} x {@code height}
     * after {@code filter}: both from their first frame, frame by frame.
     */
    static double similarity(Path rendition, Path source, String filter, int width, int height) {
        List<String> command = new ArrayList<>(FFMPEG);
        command.addAll(List.of("-v", "info"));
        command.addAll(FILES_ONLY);
        command.addAll(List.of("-i", rendition.toString(), "-i", source.toString(), "-lavfi",
                "[0:V:0]setpts=PTS-STARTPTS,setsar=1[rendition];[1:V:0]" + filter + ",setpts=PTS-STARTPTS,scale=" + width
                        + ":" + height + ",setsar=1[reference];[rendition][reference]ssim",
                "-f", "null", "-"));
        Matcher all = SSIM.matcher(Tools.succeed(command).err());
        if (!all.find()) {
            throw new IllegalStateException("ssim printed no result for " + rendition);
        }
        return Double.parseDouble(all.group(1));
    }

    /**
     * The mean luma (0 to 255) of the four quadrants of the first picture a player shows (display matrix applied, as
     * ffmpeg applies it), in reading order: top left, top right, bottom left, bottom right. {@code crop} (ffmpeg's
     * {@code w:h:x:y}) takes a part of the picture first, such as one tile of a sprite sheet.
     */
    static int[] quadrants(Path file, @Nullable String crop) {
        List<String> command = new ArrayList<>(FFMPEG);
        command.addAll(List.of("-v", "error"));
        command.addAll(FILES_ONLY);
        command.addAll(List.of("-i", file.toString(), "-map", "0:V:0", "-frames:v", "1",
                "-vf", (crop == null ? "" : "crop=" + crop + ",") + "scale=2:2:flags=area,format=gray",
                "-f", "rawvideo", "-"));
        byte[] pixels = Tools.succeed(command).output();
        int[] luma = new int[4];
        for (int i = 0; i < 4 && i < pixels.length; i++) {
            luma[i] = pixels[i] & 0xFF;
        }
        return luma;
    }
}
