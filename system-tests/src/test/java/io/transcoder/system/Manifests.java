package io.transcoder.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the system tests read in HLS playlists and WebVTT storyboards, parsed the way a player reads them. */
final class Manifests {

    private static final Pattern ATTRIBUTE = Pattern.compile("([A-Z0-9-]+)=(\"[^\"]*\"|[^,]*)");
    private static final Pattern CUE = Pattern.compile("(\\d+):(\\d{2}):(\\d{2})\\.(\\d{3}) --> (\\d+):(\\d{2}):(\\d{2})\\.(\\d{3})");

    private Manifests() {}

    /** One {@code #EXT-X-STREAM-INF} of a master playlist: its attributes and the URI on the line after it. */
    record Variant(Map<String, String> attributes, String uri) {

        int height() {
            return Integer.parseInt(attributes.get("RESOLUTION").split("x")[1]);
        }
    }

    /** A media playlist's segments in order, and its initialisation section. */
    record MediaPlaylist(String map, List<Segment> segments) {}

    record Segment(double duration, String uri) {}

    /** One storyboard cue: from and to in seconds, and the image reference it shows. */
    record Cue(double start, double end, String image) {}

    static List<Variant> variants(String master) {
        List<Variant> variants = new ArrayList<>();
        List<String> lines = master.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("#EXT-X-STREAM-INF:")) {
                variants.add(new Variant(attributes(lines.get(i).substring("#EXT-X-STREAM-INF:".length())),
                        lines.get(i + 1)));
            }
        }
        return variants;
    }

    static MediaPlaylist media(String playlist) {
        String map = null;
        List<Segment> segments = new ArrayList<>();
        Double duration = null;
        for (String line : playlist.lines().map(String::strip).filter(line -> !line.isEmpty()).toList()) {
            if (line.startsWith("#EXT-X-MAP:")) {
                map = attributes(line.substring("#EXT-X-MAP:".length())).get("URI");
            } else if (line.startsWith("#EXTINF:")) {
                duration = Double.parseDouble(line.substring("#EXTINF:".length()).split(",")[0]);
            } else if (!line.startsWith("#")) {
                segments.add(new Segment(duration, line));
            }
        }
        return new MediaPlaylist(map, segments);
    }

    static List<Cue> cues(String vtt) {
        List<Cue> cues = new ArrayList<>();
        List<String> lines = vtt.lines().map(String::strip).toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher timing = CUE.matcher(lines.get(i));
            if (timing.find()) {
                cues.add(new Cue(seconds(timing, 1), seconds(timing, 5), lines.get(i + 1)));
            }
        }
        return cues;
    }

    private static double seconds(Matcher timing, int group) {
        return Integer.parseInt(timing.group(group)) * 3600 + Integer.parseInt(timing.group(group + 1)) * 60
                + Integer.parseInt(timing.group(group + 2)) + Integer.parseInt(timing.group(group + 3)) / 1000.0;
    }

    private static Map<String, String> attributes(String list) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher matcher = ATTRIBUTE.matcher(list);
        while (matcher.find()) {
            attributes.put(matcher.group(1), matcher.group(2).replaceAll("^\"|\"$", ""));
        }
        return attributes;
    }
}
