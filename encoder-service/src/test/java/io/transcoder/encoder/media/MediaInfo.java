package io.transcoder.encoder.media;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What ffprobe says of a file (or of an HLS playlist and the files it names), as its JSON. */
record MediaInfo(JsonNode format, List<JsonNode> streams) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static MediaInfo of(Path file) {
        JsonNode root = JSON.readTree(Tools.succeed(List.of("ffprobe", "-v", "error",
                "-protocol_whitelist", "file,crypto,data", "-show_format", "-show_streams", "-of", "json",
                file.toString())).out());
        return new MediaInfo(root.path("format"),
                StreamSupport.stream(root.path("streams").spliterator(), false).toList());
    }

    /** The moving pictures: a cover picture attached to a file is no video. */
    List<JsonNode> videos() {
        return streams.stream()
                .filter(stream -> stream.path("codec_type").asString("").equals("video"))
                .filter(stream -> stream.path("disposition").path("attached_pic").asInt(0) == 0)
                .toList();
    }

    List<JsonNode> audios() {
        return streams.stream().filter(stream -> stream.path("codec_type").asString("").equals("audio")).toList();
    }

    Optional<JsonNode> video() {
        return videos().stream().findFirst();
    }

    Optional<JsonNode> audio() {
        return audios().stream().findFirst();
    }

    double seconds() {
        return format.path("duration").asDouble(0);
    }

    static String text(JsonNode stream, String field) {
        return stream.path(field).asString("");
    }

    /** Degrees a player turns the stored picture by (the display matrix), 0 when it has none. */
    static int rotation(JsonNode stream) {
        for (JsonNode sideData : stream.path("side_data_list")) {
            if (sideData.has("rotation")) {
                return sideData.path("rotation").asInt(0);
            }
        }
        return 0;
    }

    static boolean hasDisplayMatrix(JsonNode stream) {
        for (JsonNode sideData : stream.path("side_data_list")) {
            if (sideData.path("side_data_type").asString("").equals("Display Matrix")) {
                return true;
            }
        }
        return false;
    }

    /** The shape of a stored pixel, width over height: 1 when square or unknown ({@code 0:1}). */
    static double sampleAspect(JsonNode stream) {
        double ratio = ratio(text(stream, "sample_aspect_ratio"), ':');
        return ratio > 0 ? ratio : 1;
    }

    /** Width over height of the picture as a player shows it: stretched by its pixels' shape, turned by its matrix. */
    static double displayAspect(JsonNode stream) {
        double aspect = stream.path("width").asDouble() * sampleAspect(stream) / stream.path("height").asDouble();
        return Math.abs(rotation(stream)) % 180 == 90 ? 1 / aspect : aspect;
    }

    static double frameRate(JsonNode stream) {
        return ratio(text(stream, "avg_frame_rate"), '/');
    }

    static double ratio(String value, char separator) {
        int at = value.indexOf(separator);
        if (at < 0) {
            return 0;
        }
        double denominator = Double.parseDouble(value.substring(at + 1));
        return denominator == 0 ? 0 : Double.parseDouble(value.substring(0, at)) / denominator;
    }
}
