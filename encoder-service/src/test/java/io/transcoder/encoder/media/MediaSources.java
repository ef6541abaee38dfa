package io.transcoder.encoder.media;

import io.transcoder.encoder.media.MediaSource.Trait;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sources of the media-correctness suite: each codec, container, bit depth, chroma layout and oddity a user's
 * upload may have, at the smallest size and length that still shows it (320x240, 720x576 where interlacing needs
 * broadcast size; one or two seconds, one shorter than a second).
 */
final class MediaSources {

    private static final double QUARTER_THREE = 4.0 / 3;
    private static final String X264 = "-c:v libx264 -preset ultrafast -pix_fmt yuv420p";

    static final MediaSource H264_AAC = source("h264-aac.mp4",
            "H.264 High 8-bit 4:2:0 and AAC stereo 44.1 kHz in MP4: what most uploads are",
            args(picture(testsrc("320x240", 25, 2)), tone(2, 44100),
                    "-c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p -c:a aac -ac 2"),
            2, QUARTER_THREE, sound(),
            claims("v.codec_name=h264", "v.profile=High", "v.pix_fmt=yuv420p", "a.codec_name=aac",
                    "a.sample_rate=44100", "a.channels=2"));

    static final MediaSource HEVC_AAC = source("hevc-aac.mp4", "H.265 Main 8-bit tagged hvc1, AAC stereo, in MP4",
            args(picture(testsrc("320x240", 25, 1)), tone(1, 44100), "-c:v libx265 -preset ultrafast"
                    + " -x265-params log-level=error -pix_fmt yuv420p -tag:v hvc1 -c:a aac -ac 2"),
            1, QUARTER_THREE, sound(), claims("v.codec_name=hevc", "v.profile=Main", "a.codec_name=aac"));

    static final MediaSource VP8_VORBIS = source("vp8-vorbis.webm", "VP8 and Vorbis stereo in WebM",
            args(picture(testsrc("320x240", 25, 1)), tone(1, 44100),
                    "-c:v libvpx -deadline realtime -cpu-used 8 -b:v 400k -c:a libvorbis -ac 2"),
            1, QUARTER_THREE, sound(), claims("v.codec_name=vp8", "a.codec_name=vorbis", "f.format_name=matroska,webm"));

    static final MediaSource VP9_OPUS = source("vp9-opus.webm", "VP9 Profile 0 and Opus stereo in WebM",
            args(picture(testsrc("320x240", 25, 1)), tone(1, 48000),
                    "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 400k -c:a libopus -ac 2"),
            1, QUARTER_THREE, sound(), claims("v.codec_name=vp9", "v.profile=Profile 0", "a.codec_name=opus"));

    static final MediaSource AV1_OPUS = source("av1-opus.mkv", "AV1 (SVT-AV1) 8-bit and Opus stereo in Matroska",
            args(picture(testsrc("320x240", 25, 1)), tone(1, 48000),
                    "-c:v libsvtav1 -preset 12 -pix_fmt yuv420p -c:a libopus -ac 2"),
            1, QUARTER_THREE, sound(), claims("v.codec_name=av1", "a.codec_name=opus", "f.format_name=matroska,webm"));

    static final MediaSource MPEG2_INTERLACED = source("mpeg2-interlaced.ts",
            "MPEG-2 720x576 50i top field first (50p turning colour bars woven by -vf interlace, coded with +ildct+ilme"
                    + " -top 1), 4:3 PAL pixels (SAR 16:15), MP2 stereo 48 kHz, in MPEG-TS: broadcast and DVD",
            args(picture(interlacable(2)), tone(2, 48000),
                    "-vf interlace=scan=tff:lowpass=off,setsar=16/15 -c:v mpeg2video -b:v 6M -flags +ildct+ilme -top 1"
                            + " -c:a mp2 -b:a 192k -ac 2 -f mpegts"),
            2, 4.0 / 3, traits(Trait.SOUND, Trait.INTERLACED),
            claims("v.codec_name=mpeg2video", "v.field_order=tt", "v.sample_aspect_ratio=16:15", "f.format_name=mpegts",
                    "a.codec_name=mp2"));

    static final MediaSource H264_INTERLACED = source("h264-interlaced.mkv",
            "H.264 720x576 50i top field first (x264 interlaced coding through +ildct+ilme -top 1), SAR 16:15,"
                    + " AAC stereo, in Matroska: a camcorder's AVCHD remuxed",
            args(picture(interlacable(1)), tone(1, 48000),
                    "-vf interlace=scan=tff:lowpass=off,setsar=16/15 " + X264 + " -flags +ildct+ilme -top 1"
                            + " -c:a aac -ac 2"),
            1, 4.0 / 3, traits(Trait.SOUND, Trait.INTERLACED), claims("v.codec_name=h264", "v.field_order=tt"));

    static final MediaSource PRORES_422 = source("prores-422.mov",
            "ProRes 422 HQ, 10-bit 4:2:2, and PCM stereo 48 kHz in QuickTime: an editor's export",
            args(picture(testsrc("320x240", 25, 1)), tone(1, 48000),
                    "-c:v prores_ks -profile:v 3 -pix_fmt yuv422p10le -c:a pcm_s16le -ac 2"),
            1, QUARTER_THREE, sound(),
            claims("v.codec_name=prores", "v.pix_fmt=yuv422p10le", "a.codec_name=pcm_s16le", "a.sample_rate=48000"));

    static final MediaSource MPEG4_AVI = source("mpeg4-mp3.avi", "MPEG-4 Part 2 (Xvid-like) and MP3 stereo in AVI",
            args(picture(testsrc("320x240", 25, 1)), tone(1, 44100), "-c:v mpeg4 -q:v 4 -c:a libmp3lame -ac 2"),
            1, QUARTER_THREE, sound(), claims("v.codec_name=mpeg4", "a.codec_name=mp3", "f.format_name=avi"));

    static final MediaSource H264_10BIT = source("h264-10bit.mkv", "H.264 High 10, 10-bit 4:2:0, silent, in Matroska",
            args(picture(testsrc("320x240", 25, 1)), "-c:v libx264 -preset ultrafast -pix_fmt yuv420p10le"),
            1, QUARTER_THREE, traits(), claims("v.profile=High 10", "v.pix_fmt=yuv420p10le"));

    static final MediaSource H264_444 = source("h264-444.mkv",
            "H.264 High 4:4:4 Predictive, 8-bit 4:4:4, silent, in Matroska: a screen recording",
            args(picture(testsrc("320x240", 25, 1)), "-c:v libx264 -preset ultrafast -pix_fmt yuv444p"),
            1, QUARTER_THREE, traits(), claims("v.profile=High 4:4:4 Predictive", "v.pix_fmt=yuv444p"));

    static final MediaSource RGB_QTRLE = source("rgb-qtrle.mov",
            "QuickTime Animation (RLE), RGB 8-bit, silent, in QuickTime: a motion-graphics export",
            args(picture(testsrc("320x240", 25, 1)), "-c:v qtrle -pix_fmt rgb24"),
            1, QUARTER_THREE, traits(), claims("v.codec_name=qtrle", "v.pix_fmt=rgb24"));

    static final MediaSource ALPHA_VP9 = source("alpha-vp9.webm",
            "VP9 with an alpha channel (yuva420p, a left-to-right fade of transparency), silent, in WebM",
            args(picture(testsrc("320x240", 25, 1) + ",format=yuva420p,geq=lum='lum(X,Y)':cb='cb(X,Y)':cr='cr(X,Y)'"
                            + ":a='X*255/W'"),
                    "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 400k -pix_fmt yuva420p -auto-alt-ref 0"),
            1, QUARTER_THREE, traits(), claims("v.codec_name=vp9", "v.tags.alpha_mode=1"));

    static final MediaSource ALPHA_PRORES = source("alpha-prores-4444.mov",
            "ProRes 4444 with alpha, 4:4:4 10-bit and more, silent, in QuickTime",
            args(picture(testsrc("320x240", 25, 1) + ",format=yuva444p10le"),
                    "-c:v prores_ks -profile:v 4444 -pix_fmt yuva444p10le"),
            1, QUARTER_THREE, traits(), claims("v.codec_name=prores", "v.profile=4444", "v.pix_fmt=yuva444p12le"));

    static final MediaSource ROTATED_90 = source("rotated-90.mp4",
            "a phone's portrait video: 320x240 H.264 stored on its side, -metadata:s:v rotate=90 (ffprobe: rotation"
                    + " 90) to show it 240x320 upright; AAC stereo",
            args(picture(marker("240x320", "transpose=clock")), tone(1, 44100), X264 + " -c:a aac -ac 2"),
            rotate(90), 1, 0.75, traits(Trait.SOUND, Trait.MARKER), claims("v.width=320", "v.rotation=90"));

    static final MediaSource ROTATED_180 = source("rotated-180.mov",
            "320x240 H.264 stored upside down, rotate=180 (ffprobe: rotation -180) to show it upright; AAC, in QuickTime",
            args(picture(marker("320x240", "hflip,vflip")), tone(1, 44100), X264 + " -c:a aac -ac 2"),
            rotate(180), 1, QUARTER_THREE, traits(Trait.SOUND, Trait.MARKER), claims("v.rotation=-180"));

    static final MediaSource ROTATED_270 = source("rotated-270.mp4",
            "320x240 H.264 stored on its other side, rotate=270 (ffprobe: rotation -90) to show it 240x320 upright,"
                    + " silent",
            args(picture(marker("240x320", "transpose=cclock")), X264),
            rotate(270), 1, 0.75, traits(Trait.MARKER), claims("v.width=320", "v.rotation=-90"));

    static final MediaSource ODD_SIZE = source("odd-321x241.webm", "VP9 321x241 (odd width and height), Opus, in WebM",
            args(picture(testsrc("320x240", 25, 1) + ",scale=321:241"), tone(1, 48000),
                    "-c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 400k -c:a libopus -ac 2"),
            1, 321.0 / 241, sound(), claims("v.width=321", "v.height=241"));

    static final MediaSource ANAMORPHIC = source("anamorphic.mkv",
            "320x240 H.264 with pixels a third wider than tall (SAR 4:3), shown 16:9; AAC stereo, in Matroska",
            args(picture(marker("320x240", "setsar=4/3")), tone(1, 44100), X264 + " -c:a aac -ac 2"),
            1, 16.0 / 9, traits(Trait.SOUND, Trait.MARKER), claims("v.sample_aspect_ratio=4:3"));

    static final MediaSource HDR_PQ = source("hdr-pq.mkv",
            "HDR10: H.265 Main 10 (libx265), BT.2020 primaries and matrix, PQ (SMPTE 2084) transfer, mastering-display"
                    + " and content-light metadata; Opus stereo, in Matroska",
            args(picture(testsrc("320x240", 25, 1)), tone(1, 48000),
                    "-c:v libx265 -preset ultrafast -pix_fmt yuv420p10le -color_primaries bt2020 -color_trc smpte2084"
                            + " -colorspace bt2020nc -x265-params log-level=error:hdr10=1:master-display="
                            + "G(13250,34500)B(7500,3000)R(34000,16000)WP(15635,16450)L(10000000,1):max-cll=1000,400"
                            + " -c:a libopus -ac 2"),
            1, QUARTER_THREE, sound(), claims("v.profile=Main 10", "v.color_primaries=bt2020",
                    "v.color_transfer=smpte2084", "v.color_space=bt2020nc"));

    static final MediaSource HDR_HLG = source("hdr-hlg.mp4",
            "HLG: H.265 Main 10 (libx265) tagged hvc1, BT.2020, ARIB STD-B67 transfer; AAC stereo, in MP4",
            args(picture(testsrc("320x240", 25, 1)), tone(1, 48000),
                    "-c:v libx265 -preset ultrafast -pix_fmt yuv420p10le -color_primaries bt2020 -color_trc arib-std-b67"
                            + " -colorspace bt2020nc -x265-params log-level=error -tag:v hvc1 -c:a aac -ac 2"),
            1, QUARTER_THREE, sound(), claims("v.profile=Main 10", "v.color_transfer=arib-std-b67"));

    static final MediaSource VARIABLE_RATE = source("vfr.mkv",
            "variable frame rate: a second at 30 fps then a second at 10 fps (select, -fps_mode vfr), H.264, AAC,"
                    + " in Matroska",
            args(picture(testsrc("320x240", 30, 2)), tone(2, 44100),
                    "-vf select='lt(t\\,1)+not(mod(n\\,3))' -fps_mode vfr " + X264 + " -c:a aac -ac 2"),
            2, QUARTER_THREE, traits(Trait.SOUND, Trait.VARIABLE_FRAME_RATE), claims("v.codec_name=h264"));

    static final MediaSource FPS_60 = source("60fps.mp4", "60 fps H.264 and AAC in MP4",
            args(picture(testsrc("320x240", 60, 1)), tone(1, 44100), X264 + " -c:a aac -ac 2"),
            1, QUARTER_THREE, sound(), claims("v.avg_frame_rate=60/1"));

    static final MediaSource NO_AUDIO = source("no-audio.mp4", "H.264 without any audio stream, in MP4",
            args(picture(testsrc("320x240", 25, 1)), X264), 1, QUARTER_THREE, traits(), claims("v.codec_name=h264"));

    static final MediaSource SURROUND = source("surround-5.1.mkv",
            "H.264 and AC-3 5.1 (side) 48 kHz, each channel its own tone, in Matroska",
            args(picture(testsrc("320x240", 25, 1)), List.of("-f", "lavfi", "-i",
                            "sine=frequency=220:sample_rate=48000:duration=1,aformat=channel_layouts=mono,"
                                    + "pan=5.1(side)|FL=c0|FR=0.8*c0|FC=0.6*c0|LFE=0.4*c0|SL=0.3*c0|SR=0.2*c0"),
                    X264 + " -c:a ac3"),
            1, QUARTER_THREE, sound(), claims("a.codec_name=ac3", "a.channels=6", "a.channel_layout=5.1(side)"));

    static final MediaSource MULTI_AUDIO = source("multi-audio.mkv",
            "H.264 and two audio tracks (AAC stereo 44.1 kHz, then AAC mono 22.05 kHz commentary), in Matroska",
            args(picture(testsrc("320x240", 25, 1)), tone(1, 44100),
                    List.of("-f", "lavfi", "-i", "sine=frequency=880:sample_rate=22050:duration=1"),
                    "-map 0 -map 1 -map 2 " + X264 + " -c:a aac -ac:a:0 2 -ac:a:1 1"),
            1, QUARTER_THREE, sound(), claims("a.channels=2", "f.nb_streams=3"));

    static final MediaSource SHORT = source("short-0.4s.mp4", "0.4 s of H.264 and AAC in MP4: ten frames",
            args(picture(testsrc("320x240", 25, 0.4)), tone(0.4, 44100), X264 + " -c:a aac -ac 2"),
            0.4, QUARTER_THREE, sound(), claims("v.codec_name=h264"));

    static final MediaSource AUDIO_ONLY = source("audio-only.flac", "FLAC mono 44.1 kHz, no video",
            args(tone(1, 44100), "-c:a flac"), 1, 0, sound(), claims("a.codec_name=flac", "a.channels=1"));

    static final MediaSource AUDIO_WITH_COVER = source("audio-cover.mp3",
            "MP3 stereo 44.1 kHz with a PNG cover picture (attached_pic), no video",
            args(tone(1, 44100), picture("testsrc2=size=64x64:duration=1"),
                    "-map 0 -map 1 -frames:v 1 -c:a libmp3lame -ac 2 -c:v png -disposition:v attached_pic"),
            1, 0, sound(), claims("a.codec_name=mp3", "f.nb_streams=2"));

    static final List<MediaSource> ALL = List.of(H264_AAC, HEVC_AAC, VP8_VORBIS, VP9_OPUS, AV1_OPUS, MPEG2_INTERLACED,
            H264_INTERLACED, PRORES_422, MPEG4_AVI, H264_10BIT, H264_444, RGB_QTRLE, ALPHA_VP9, ALPHA_PRORES, ROTATED_90,
            ROTATED_180, ROTATED_270, ODD_SIZE, ANAMORPHIC, HDR_PQ, HDR_HLG, VARIABLE_RATE, FPS_60, NO_AUDIO, SURROUND,
            MULTI_AUDIO, SHORT, AUDIO_ONLY, AUDIO_WITH_COVER);

    static final List<MediaSource> VIDEOS = ALL.stream().filter(MediaSource::video).toList();

    private MediaSources() {}

    private static MediaSource source(String name, String made, List<String> make, double seconds, double aspect,
            Set<Trait> traits, Map<String, String> claims) {
        return source(name, made, make, List.of(), seconds, aspect, traits, claims);
    }

    private static MediaSource source(String name, String made, List<String> make, List<String> remux,
            double seconds, double aspect, Set<Trait> traits, Map<String, String> claims) {
        return new MediaSource(name, made, make, remux, seconds, aspect, traits, claims);
    }

    /**
     * 720x576 at 50 progressive frames a second, for weaving into 50i: colour bars turning on black, which ffmpeg's
     * idet calls progressive in every frame as they are, interlaced in every frame once woven, and progressive again
     * once deinterlaced (testsrc2's fine lines, by contrast, look interlaced to idet even in a progressive picture).
     */
    private static String interlacable(double seconds) {
        return "smptehdbars=size=720x576:rate=50:duration=" + seconds + ",rotate=a=t*2:c=black";
    }

    private static String testsrc(String size, int rate, double seconds) {
        return "testsrc2=size=" + size + ":rate=" + rate + ":duration=" + seconds;
    }

    /**
     * A second of a picture that shows, upright and {@code upright} in size, a white top-left quadrant on a dark ground
     * (with some moving noise), stored as {@code stored} turns or stretches it.
     */
    private static String marker(String upright, String stored) {
        String[] size = upright.split("x");
        return "color=c=0x202020:size=" + upright + ":rate=25:duration=1,drawbox=x=0:y=0:w=" + Integer.parseInt(size[0]) / 2
                + ":h=" + Integer.parseInt(size[1]) / 2 + ":color=white:t=fill,noise=alls=12:allf=t," + stored;
    }

    private static List<String> picture(String graph) {
        return List.of("-f", "lavfi", "-i", graph);
    }

    private static List<String> tone(double seconds, int sampleRate) {
        return List.of("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=" + sampleRate + ":duration=" + seconds);
    }

    /** A second run that copies the streams and tags the video with a rotation, which ffmpeg 5.1 turns into a matrix. */
    private static List<String> rotate(int degrees) {
        return List.of("-map", "0", "-c", "copy", "-metadata:s:v:0", "rotate=" + degrees);
    }

    private static Set<Trait> sound() {
        return traits(Trait.SOUND);
    }

    private static Set<Trait> traits(Trait... traits) {
        return traits.length == 0 ? EnumSet.noneOf(Trait.class) : EnumSet.copyOf(Arrays.asList(traits));
    }

    private static Map<String, String> claims(String... claims) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String claim : claims) {
            String[] pair = claim.split("=", 2);
            map.put(pair[0], pair[1]);
        }
        return map;
    }

    /** Inputs as lists, then the rest as one string split at spaces (no argument here holds a space). */
    private static List<String> args(Object... parts) {
        List<String> arguments = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof List<?> list) {
                list.forEach(item -> arguments.add((String) item));
            } else {
                arguments.addAll(List.of(((String) part).split(" ")));
            }
        }
        return arguments;
    }
}
