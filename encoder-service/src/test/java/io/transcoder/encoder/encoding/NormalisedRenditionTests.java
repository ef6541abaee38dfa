package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;

import io.transcoder.TranscoderProperties;
import io.transcoder.formats.Format;
import io.transcoder.formats.Progressive;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobPhase;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodedRendition;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.FormatFailure;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.work.WorkVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

/**
 * Sources as cameras, broadcasters and phones make them, each through the {@link Encoder} and real ffmpeg: what
 * comes out is progressive, SDR BT.709 8-bit, constant-rate, stereo 48 kHz; what cannot be made fails as it should.
 */
class NormalisedRenditionTests {

    private static final String JOB = "job-1";
    private static final List<String> X264 = List.of("-c:v", "libx264", "-preset", "ultrafast");
    private static final Pattern IDET = Pattern.compile(
            "Multi frame detection: TFF: *(\\d+) BFF: *(\\d+) Progressive: *(\\d+)");

    @TempDir
    Path root;

    private WorkVolume workVolume;
    private final JobStore jobs = mock(JobStore.class);

    @BeforeEach
    void volume() {
        workVolume = new WorkVolume(root);
    }

    @Test
    void deinterlacesASourceThatSaysItIsProgressive() {
        // 50 fields a second woven into 25 frames, flagged progressive: the lie idet finds out
        source("-f", "lavfi", "-i", "testsrc2=size=720x576:rate=50:duration=2,interlace", "-c:v", "libx264",
                "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4");
        assertThat(interlacedShare(workVolume.source(JOB))).as("the source's interlaced frames").isGreaterThan(0.9);

        Path mp4 = encode("mp4");

        assertThat(interlacedShare(mp4)).as("the rendition's interlaced frames").isLessThan(0.1);
        // in ffprobe's order of fields
        assertThat(describe(mp4, "stream=width,height,field_order,avg_frame_rate"))
                .isEqualTo("720,576,progressive,25/1");
    }

    @Test
    void deinterlacesASourceFlaggedInterlaced() {
        source("-f", "lavfi", "-i", "testsrc2=size=720x576:rate=50:duration=1,interlace", "-c:v", "libx264",
                "-preset", "ultrafast", "-flags", "+ildct+ilme", "-top", "1", "-pix_fmt", "yuv420p", "-f", "mp4");

        Path mp4 = encode("mp4");

        assertThat(interlacedShare(mp4)).isLessThan(0.1);
        assertThat(describe(mp4, "stream=field_order")).startsWith("progressive");
    }

    @Test
    void toneMapsPqAndHlgToSdrTaggedBt709In8Bits() {
        for (String transfer : List.of("smpte2084", "arib-std-b67")) {
            source("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=1", "-c:v", "libx265",
                    "-preset", "ultrafast", "-x265-params", "log-level=error", "-pix_fmt", "yuv420p10le",
                    "-color_primaries", "bt2020", "-color_trc", transfer, "-colorspace", "bt2020nc", "-f", "mp4");

            for (Path output : List.of(encode("mp4"), encode("webm"))) {
                assertThat(describe(output, "stream=pix_fmt,color_range,color_space,color_transfer,color_primaries"))
                        .as("%s from %s", output.getFileName(), transfer)
                        .isEqualTo("yuv420p,tv,bt709,bt709,bt709");
                MediaChecks.assertDecodes(output);
            }
            Path poster = encode("thumbnail");
            assertThat(MediaChecks.meanLuma(MediaChecks.image(poster))).as("a poster neither black nor washed out")
                    .isBetween(40.0, 200.0);
        }
    }

    @Test
    void makesAVariableRateSourceConstant() {
        // 30 fps for a second, 10 for the next two, 60 for the last half
        source("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30:duration=3", "-vf",
                "setpts='if(lt(N,30),N/30,if(lt(N,50),1+(N-30)/10,3+(N-50)/60))/TB'", "-fps_mode", "vfr",
                "-c:v", "libx264", "-preset", "ultrafast", "-f", "mp4");
        assertThat(describe(workVolume.source(JOB), "stream=r_frame_rate,avg_frame_rate")).isNotEqualTo("30/1,30/1");

        Path mp4 = encode("mp4");

        String[] rates = describe(mp4, "stream=r_frame_rate,avg_frame_rate,nb_read_frames").split(",");
        assertThat(rates[0]).isEqualTo("30/1");
        assertThat(rates[1]).isEqualTo("30/1");
        assertThat(Integer.parseInt(rates[2]) / MediaChecks.seconds(mp4)).isCloseTo(30, within(1.0));
    }

    @Test
    void downmixesSurroundToStereoAt48kHz() {
        source("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=30:duration=1",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=1",
                "-filter_complex", "[1:a]pan=5.1|FL=c0|FR=c0|FC=c0|LFE=c0|BL=c0|BR=c0[a]", "-map", "0:v",
                "-map", "[a]", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-f", "mp4");

        for (String format : List.of("mp4", "webm")) {
            assertThat(describe(encode(format), "stream=sample_rate,channels,channel_layout")
                    .lines().filter(line -> !line.isBlank() && line.contains("stereo") || line.contains(",")).toList())
                    .as(format).contains("48000,2,stereo");
        }
    }

    @Test
    void makesTheSoundOfASoundFileButNoVideoOfIt() {
        source("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=2", "-ac", "1", "-f", "wav");

        Path m4a = encode("audio");

        assertThat(describe(m4a, "stream=codec_name,codec_type,sample_rate,channels")).isEqualTo("aac,audio,48000,2");
        assertThat(MediaChecks.seconds(m4a)).isCloseTo(2, within(0.1));
        assertThatThrownBy(() -> encoder(TestSettings.catalogue()).encode(downloaded("audio", "mp4")))
                .hasMessage("Your file has sound but no picture, so we cannot make a MP4 video of it. Ask for the "
                        + "audio format for its sound.")
                .extracting("code").isEqualTo(FailureCode.INPUT_NOT_VIDEO);
    }

    @Test
    void refusesTheSoundOfASilentVideo() {
        source("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=30:duration=1", "-c:v", "libx264", "-preset",
                "ultrafast", "-f", "mp4");

        assertThatThrownBy(() -> encoder(TestSettings.catalogue()).encode(downloaded("mp4", "audio")))
                .hasMessage("Your video has no sound, so we cannot make its AUDIO version, which is sound alone.")
                .extracting("code").isEqualTo(FailureCode.INPUT_WITHOUT_AUDIO);
        assertThat(Files.exists(workVolume.outputDirectory(JOB, "mp4"))).as("nothing encoded first").isFalse();
    }

    @Test
    void neverPublishesARenditionCutShortOrWithoutItsSound() {
        io.transcoder.test.TestClips.video(workVolume.source(JOB));
        Map<String, Format> catalogue = new LinkedHashMap<>(TestSettings.catalogue());
        catalogue.put("cut", broken("-t", "1"));
        catalogue.put("mute", broken("-an"));

        EncodingCompleted completed = encoder(catalogue).encode(downloaded("mp4", "cut", "mute"));

        assertThat(completed.renditions()).extracting(EncodedRendition::format).containsExactly("mp4");
        assertThat(completed.failures()).containsExactly(
                new FormatFailure("cut", FailureCode.OUTPUT_INVALID, "The CUT version of your video failed our check "
                        + "before delivery (it lasts 1.000 s instead of 2.000 s, its video lasts 1.000 s instead of "
                        + "2.000 s, its audio lasts 1.000 s instead of 2.000 s), so we did not deliver it."),
                new FormatFailure("mute", FailureCode.OUTPUT_INVALID, "The MUTE version of your video failed our "
                        + "check before delivery (it has no sound although your video has), so we did not deliver "
                        + "it."));
        assertThat(workVolume.jobDirectory(JOB).resolve("out")).as("only mp4 published")
                .isDirectoryNotContaining(path -> !path.getFileName().toString().equals("mp4"));
    }

    @Test
    void saysWhatItIsDoingAndWhenItExpectsToBeDone() {
        io.transcoder.test.TestClips.video(workVolume.source(JOB));
        Instant started = Instant.now();

        encoder(TestSettings.catalogue()).encode(downloaded("mp4", "webm"));

        InOrder phases = inOrder(jobs);
        then(jobs).should(phases).recordPhase(JOB, JobPhase.PROBING);
        then(jobs).should(phases).recordPhase(JOB, JobPhase.ENCODING);
        then(jobs).should(phases).recordPhase(JOB, JobPhase.CHECKING);
        then(jobs).should(phases).recordPhase(JOB, JobPhase.ENCODING);
        then(jobs).should(phases).recordPhase(JOB, JobPhase.CHECKING);
        ArgumentCaptor<Instant> ends = ArgumentCaptor.forClass(Instant.class);
        then(jobs).should(org.mockito.Mockito.atLeastOnce())
                .recordProgress(eq(JOB), any(), anyInt(), anyInt(), ends.capture());
        Instant last = ends.getAllValues().get(ends.getAllValues().size() - 1);
        assertThat(last).as("done when the last format is").isBetween(started, Instant.now());
    }

    private static Format broken(String... options) {
        List<String> all = new ArrayList<>(List.of("-preset", "ultrafast"));
        all.addAll(List.of(options));
        return Format.of("broken on purpose", new Progressive("mp4", "mp4", "video/mp4", "libx264", "aac", all));
    }

    private void source(String... arguments) {
        HostileClips.ffmpeg(workVolume.source(JOB), List.of(arguments));
    }

    /** Encodes the source as one format, afresh: the encoder passes on a rendition it finds already made. */
    private Path encode(String format) {
        workVolume.discard(workVolume.outputDirectory(JOB, format));
        EncodingCompleted completed = encoder(TestSettings.catalogue()).encode(downloaded(format));
        return workVolume.resolve(completed.renditions().get(0).directory())
                .resolve(completed.renditions().get(0).entry());
    }

    private Encoder encoder(Map<String, Format> catalogue) {
        var settings = TestSettings.encoder();
        var transcoder = TestSettings.transcoder("test", root, catalogue);
        Ffmpeg ffmpeg = new Ffmpeg(settings);
        return new Encoder(ffmpeg, new RenditionEncoders(ffmpeg, settings), workVolume, jobs, transcoder, settings);
    }

    private SourceDownloaded downloaded(String... formats) {
        JobTicket job = new JobTicket(JOB, "owner-a", "someone@example.com", List.of(formats), "clip.mov");
        return new SourceDownloaded(job, workVolume.relativize(workVolume.source(JOB)), 0);
    }

    private static String describe(Path file, String entries) {
        return HostileClips.describe(file, entries);
    }

    /** The share of a video's frames ffmpeg's idet calls interlaced. */
    private static double interlacedShare(Path video) {
        String log = MediaChecks.ffmpegLog(List.of("-i", video.toString(), "-map", "0:v:0", "-vf", "idet",
                "-f", "null", "-"));
        Matcher counts = IDET.matcher(log);
        assertThat(counts.find()).as("idet's verdict in %s", log).isTrue();
        long interlaced = Long.parseLong(counts.group(1)) + Long.parseLong(counts.group(2));
        return (double) interlaced / (interlaced + Long.parseLong(counts.group(3)));
    }
}
