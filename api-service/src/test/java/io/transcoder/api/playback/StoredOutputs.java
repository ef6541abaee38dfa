package io.transcoder.api.playback;

import io.transcoder.jobs.JobStore;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.RenditionFile;
import io.transcoder.messages.RenditionKind;
import io.transcoder.messages.StoredRendition;
import io.transcoder.storage.StorageKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Completed jobs of alice's as the uploader leaves them: files in the bucket under {@code outputs/{job}/{format}/},
 * their renditions in the job store. The files are fakes, but laid out and named as the encoder makes them.
 */
final class StoredOutputs {

    static final String HLS = "application/vnd.apple.mpegurl";

    static final String MASTER = """
            #EXTM3U
            #EXT-X-VERSION:7
            #EXT-X-INDEPENDENT-SEGMENTS
            #EXT-X-STREAM-INF:BANDWIDTH=3080000,RESOLUTION=1280x720,CODECS="avc1.64001f,mp4a.40.2"
            720p/index.m3u8
            #EXT-X-STREAM-INF:BANDWIDTH=950000,RESOLUTION=640x360,CODECS="avc1.64001e,mp4a.40.2"
            360p/index.m3u8
            """;

    static final String STORYBOARD = """
            WEBVTT

            00:00:00.000 --> 00:00:02.000
            sprite.jpg#xywh=0,0,160,90

            00:00:02.000 --> 00:00:04.000
            sprite.jpg#xywh=160,0,160,90
            """;

    private final S3Client s3;
    private final String bucket;
    private final JobStore jobs;

    StoredOutputs(S3Client s3, String bucket, JobStore jobs) {
        this.s3 = s3;
        this.bucket = bucket;
        this.jobs = jobs;
    }

    /** A variant playlist of two segments after the init segment, all beside it. */
    static String variant() {
        return """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:6
                #EXT-X-PLAYLIST-TYPE:VOD
                #EXT-X-MAP:URI="init.mp4"
                #EXTINF:6.000000,
                seg_000.m4s
                #EXTINF:1.500000,
                seg_001.m4s
                #EXT-X-ENDLIST
                """;
    }

    /** The bytes of a fake media file, telling which file it is. */
    static byte[] media(String jobId, String format, String path) {
        return ("media of " + jobId + " " + format + " " + path).getBytes(StandardCharsets.UTF_8);
    }

    /** A completed job with an HLS ladder of two rungs, a storyboard and a poster. */
    String completedJob() {
        return completedJob(variant(), variant());
    }

    /** A completed job whose rungs' playlists say what is given. */
    String completedJob(String variant720, String variant360) {
        String jobId = UUID.randomUUID().toString();
        Map<String, byte[]> hls = new LinkedHashMap<>();
        hls.put("master.m3u8", utf8(MASTER));
        hls.put("720p/index.m3u8", utf8(variant720));
        hls.put("360p/index.m3u8", utf8(variant360));
        for (String rung : List.of("720p", "360p")) {
            for (String file : List.of("init.mp4", "seg_000.m4s", "seg_001.m4s")) {
                hls.put(rung + "/" + file, media(jobId, "hls", rung + "/" + file));
            }
        }
        Map<String, byte[]> storyboard = new LinkedHashMap<>();
        storyboard.put("storyboard.vtt", utf8(STORYBOARD));
        storyboard.put("sprite.jpg", media(jobId, "storyboard", "sprite.jpg"));
        JobTicket ticket = new JobTicket(jobId, "alice", "a@example.com", List.of("hls", "storyboard", "thumbnail"),
                "clip.mp4");
        jobs.create(ticket);
        jobs.complete(ticket, List.of(
                store(jobId, "hls", RenditionKind.STREAM, "master.m3u8", hls),
                store(jobId, "storyboard", RenditionKind.IMAGE, "storyboard.vtt", storyboard),
                store(jobId, "thumbnail", RenditionKind.IMAGE, "poster.jpg",
                        Map.of("poster.jpg", media(jobId, "thumbnail", "poster.jpg")))), List.of());
        return jobId;
    }

    private StoredRendition store(String jobId, String format, RenditionKind kind, String entry,
            Map<String, byte[]> files) {
        String prefix = StorageKeys.rendition(jobId, format);
        List<RenditionFile> stored = new ArrayList<>();
        files.forEach((path, bytes) -> {
            String type = mediaType(path);
            s3.putObject(put -> put.bucket(bucket).key(prefix + path).contentType(type), RequestBody.fromBytes(bytes));
            stored.add(new RenditionFile(path, bytes.length, type));
        });
        return new StoredRendition(format, kind, prefix, entry, stored);
    }

    private static String mediaType(String path) {
        String extension = path.substring(path.lastIndexOf('.') + 1);
        return switch (extension) {
            case "m3u8" -> HLS;
            case "vtt" -> "text/vtt";
            case "jpg" -> "image/jpeg";
            case "mp4" -> "video/mp4";
            default -> "video/iso.segment";
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
