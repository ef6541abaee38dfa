package io.transcoder.encoder.encoding;

import io.transcoder.formats.Storyboard;
import java.time.Duration;
import java.util.Locale;

/**
 * Where a storyboard's tiles lie in its sprite sheet and which stretch of the video each stands for: tile {@code k}
 * is the first frame at or after {@code k} intervals and covers the video from there to the next tile, the last one
 * to the end.
 *
 * @param duration the video's, which the cues cover exactly
 */
record StoryboardLayout(Duration duration, Duration interval, int tiles, int columns, int tileWidth, int tileHeight) {

    static StoryboardLayout of(Storyboard recipe, SourceVideo source) {
        long millis = Math.max(1, source.duration().toMillis());
        // the recipe's interval, or a longer one for a video that would otherwise get more tiles than it allows
        long interval = Math.max(Math.max(1, recipe.minInterval().toMillis()), ceilDiv(millis, recipe.maxTiles()));
        int tiles = (int) ceilDiv(millis, interval);
        int tileWidth = Math.max(2, recipe.tileWidth() & ~1);
        return new StoryboardLayout(Duration.ofMillis(millis), Duration.ofMillis(interval), tiles,
                Math.min(recipe.columns(), tiles), tileWidth, source.heightAt(tileWidth));
    }

    int rows() {
        return (int) ceilDiv(tiles, columns);
    }

    int sheetWidth() {
        return columns * tileWidth;
    }

    int sheetHeight() {
        return rows() * tileHeight;
    }

    /** The WebVTT file: one cue a tile, from the start to the end of the video without a gap. */
    String cues(String sprite) {
        StringBuilder vtt = new StringBuilder("WEBVTT\n");
        long step = interval.toMillis();
        for (int tile = 0; tile < tiles; tile++) {
            long end = tile == tiles - 1 ? duration.toMillis() : (tile + 1) * step;
            vtt.append('\n').append(timestamp(tile * step)).append(" --> ").append(timestamp(end)).append('\n')
                    .append(sprite).append("#xywh=").append(tile % columns * tileWidth).append(',')
                    .append(tile / columns * tileHeight).append(',').append(tileWidth).append(',')
                    .append(tileHeight).append('\n');
        }
        return vtt.toString();
    }

    private static String timestamp(long millis) {
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", millis / 3_600_000, millis / 60_000 % 60,
                millis / 1000 % 60, millis % 1000);
    }

    private static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }
}
