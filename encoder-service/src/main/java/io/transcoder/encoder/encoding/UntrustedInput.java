package io.transcoder.encoder.encoding;

import com.github.kokorin.jaffree.log.LogMessage;
import io.transcoder.encoder.EncoderProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How ffprobe and ffmpeg open a user's file, and what their complaints about one mean. */
final class UntrustedInput {

    // Demuxers such as hls, concat or image2 open further files or URLs that a user's file names; these do not.
    static final String DEMUXERS = "mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,flv,mpegts,mpeg,ogg,wav,mp3,aac,flac,asf,gif";

    // The decoders of the videos people upload and of the audio, subtitles and cover pictures that come with them;
    // ffprobe refuses a file with a stream of any other codec. Decoder names, matched exactly (no wildcards): AV1
    // decodes through libdav1d, MP3 through mp3float and SubRip in Matroska through srt.
    static final String DECODERS = String.join(",",
            "h264", "hevc", "libdav1d", "libaom-av1", "av1", "vp8", "vp9", "vp6f", "mpeg4", "mpeg2video",
            "mpeg1video", "h263", "flv", "mjpeg", "prores", "dnxhd", "dvvideo", "theora", "wmv1", "wmv2", "wmv3",
            "vc1", "msmpeg4v1", "msmpeg4v2", "msmpeg4", "qtrle", "rawvideo", "gif", "png",
            "aac", "aac_latm", "mp3float", "mp3", "mp2", "ac3", "eac3", "dca", "truehd", "opus", "vorbis", "flac",
            "alac", "amrnb", "amrwb", "wmav1", "wmav2", "wmapro", "pcm_s16le", "pcm_s16be", "pcm_s24le",
            "pcm_s24be", "pcm_s32le", "pcm_f32le", "pcm_u8", "pcm_alaw", "pcm_mulaw",
            "mov_text", "srt", "subrip", "ass", "ssa", "webvtt", "dvdsub", "dvbsub", "pgssub");

    private static final Pattern PICTURE_SIZE = Pattern.compile("Picture size (\\d+)x(\\d+) (?:is invalid|exceeds)");

    private UntrustedInput() {}

    /** The input options of every ffprobe and ffmpeg run on a user's file. */
    static Map<String, String> options(EncoderProperties properties) {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("-protocol_whitelist", "file");
        options.put("-format_whitelist", DEMUXERS);
        options.put("-codec_whitelist", DECODERS);
        // a decoder then refuses a huge picture before allocating it; it measures a picture with its width rounded up
        // to its memory alignment (up to 64), hence the margin (Encoder checks the exact size)
        options.put("-max_pixels", String.valueOf(Math.min(Integer.MAX_VALUE,
                (properties.maxWidth() + 64L) * (properties.maxHeight() + 64L))));
        // one more than we accept, so that a source with a few too many is still listed for Encoder to refuse
        options.put("-max_streams", String.valueOf(properties.maxStreams() + 1));
        options.put("-probesize", String.valueOf(properties.probeSize().toBytes()));
        options.put("-analyzeduration", String.valueOf(properties.analyzeDuration().toNanos() / 1_000));
        return options;
    }

    /**
     * Refuses a source that ffprobe stopped reading at one of our limits: a decoder refuses to allocate a picture
     * beyond {@code -max_pixels} (ffprobe then gives the stream's size as 0x0 and says the real one only in its log),
     * and a demuxer fails on the stream after {@code -max_streams}.
     */
    static void refuseWhatFfprobeRefused(List<LogMessage> errors, EncoderProperties properties) {
        for (LogMessage error : errors) {
            String message = String.valueOf(error.message);
            if (message.contains("Number of streams exceeds max_streams")) {
                throw EncodingException.tooManyStreams(properties.maxStreams());
            }
            Matcher picture = PICTURE_SIZE.matcher(message);
            if (picture.find() && picture.group(1).length() < 10 && picture.group(2).length() < 10) {
                int width = Integer.parseInt(picture.group(1));
                int height = Integer.parseInt(picture.group(2));
                if (width > 0 && height > 0) {
                    throw EncodingException.inputTooLarge(width, height, properties.maxWidth(), properties.maxHeight());
                }
            }
        }
    }
}
