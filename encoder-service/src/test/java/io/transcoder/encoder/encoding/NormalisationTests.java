package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NormalisationTests {

    private static final SourceVideo.Colour BT709 = new SourceVideo.Colour("bt709", "bt709", "bt709", "tv", "yuv420p");
    private static final String TAGS =
            "setparams=field_mode=prog:range=tv:color_primaries=bt709:color_trc=bt709:colorspace=bt709";

    @Test
    void onlyScalesAndTagsAProgressiveBt709Source() {
        assertThat(normalisation(1280, 720, 30, SourceVideo.Scan.PROGRESSIVE, BT709).video(1280, 720))
                .isEqualTo("fps=30,scale=1280:720,setsar=1,format=yuv420p," + TAGS);
    }

    @Test
    void deinterlacesEveryFrameOfAnInterlacedSourceInItsFieldOrderKeepingItsRate() {
        assertThat(normalisation(720, 576, 25, SourceVideo.Scan.TOP_FIRST, BT709).video(768, 576))
                .startsWith("bwdif=mode=send_frame:parity=tff:deint=all,fps=25,scale=768:576");
        assertThat(normalisation(720, 480, 29.97, SourceVideo.Scan.BOTTOM_FIRST, BT709).video(720, 480))
                .startsWith("bwdif=mode=send_frame:parity=bff:deint=all,fps=30000/1001,");
        assertThat(normalisation(720, 576, 25, SourceVideo.Scan.PROGRESSIVE, BT709).video(720, 576))
                .doesNotContain("bwdif");
    }

    @Test
    void toneMapsPqAndHlgToSdrBt709WithoutAGpu() {
        SourceVideo.Colour pq = new SourceVideo.Colour("bt2020", "smpte2084", "bt2020nc", "tv", "yuv420p10le");
        SourceVideo.Colour hlg = new SourceVideo.Colour("bt2020", "arib-std-b67", "bt2020nc", "tv", "yuv420p10le");

        assertThat(normalisation(3840, 2160, 60, SourceVideo.Scan.PROGRESSIVE, pq).video(3840, 2160)).isEqualTo(
                "fps=60,scale=3840:2160,setsar=1,"
                        + "zscale=tin=smpte2084:pin=bt2020:min=bt2020nc:rin=tv:t=linear:npl=100,format=gbrpf32le,"
                        + "zscale=p=bt709,tonemap=tonemap=hable:desat=0,zscale=t=bt709:m=bt709:r=tv,format=yuv420p,"
                        + TAGS);
        assertThat(normalisation(1920, 1080, 50, SourceVideo.Scan.PROGRESSIVE, hlg).video(1920, 1080))
                .contains("zscale=tin=arib-std-b67:pin=bt2020:min=bt2020nc:rin=tv:t=linear", "tonemap=tonemap=hable");
        assertThat(normalisation(1920, 1080, 50, SourceVideo.Scan.PROGRESSIVE, BT709).toneMaps()).isFalse();
    }

    @Test
    void convertsAnSdSourceFromBt601RatherThanRetaggingIt() {
        // untagged SD is BT.601 as players take it: 576 lines with EBU primaries, 480 with SMPTE C
        assertThat(normalisation(720, 576, 25, SourceVideo.Scan.PROGRESSIVE, SourceVideo.Colour.UNTAGGED)
                .video(768, 576)).contains("zscale=tin=bt709:pin=bt470bg:min=smpte170m:rin=tv:t=bt709:p=bt709:"
                        + "m=bt709:r=tv,format=yuv420p");
        assertThat(normalisation(720, 480, 29.97, SourceVideo.Scan.PROGRESSIVE, SourceVideo.Colour.UNTAGGED)
                .video(720, 480)).contains("pin=smpte170m:min=smpte170m");
        // untagged HD is BT.709
        assertThat(normalisation(1920, 1080, 30, SourceVideo.Scan.PROGRESSIVE, SourceVideo.Colour.UNTAGGED)
                .video(1920, 1080)).doesNotContain("zscale");
    }

    @Test
    void bringsAFullRangeOrRgbSourceToLimitedRangeBt709() {
        SourceVideo.Colour jpeg = new SourceVideo.Colour(null, null, null, null, "yuvj420p");
        SourceVideo.Colour rgb = new SourceVideo.Colour(null, null, null, null, "rgb24");

        assertThat(normalisation(1280, 720, 30, SourceVideo.Scan.PROGRESSIVE, jpeg).video(1280, 720))
                .contains("zscale=tin=bt709:pin=bt709:min=bt709:rin=pc:t=bt709:p=bt709:m=bt709:r=tv");
        assertThat(normalisation(1280, 720, 30, SourceVideo.Scan.PROGRESSIVE, rgb).video(1280, 720))
                .contains("format=gbrp,zscale=tin=bt709:pin=bt709:t=bt709:p=bt709:m=bt709:r=tv,format=yuv420p");
    }

    @Test
    void givesEveryRenditionAStandardRateUpToTheLimit() {
        assertThat(rate(30, 60)).isEqualTo("30");
        assertThat(rate(29.97, 60)).isEqualTo("30000/1001");
        assertThat(rate(23.98, 60)).isEqualTo("24000/1001");
        assertThat(rate(59.94, 60)).isEqualTo("60000/1001");
        assertThat(rate(1000, 60)).isEqualTo("60");
        assertThat(rate(50, 30)).isEqualTo("30");
        // a rate of its own stays, to the millisecond
        assertThat(rate(10, 60)).isEqualTo("10");
        assertThat(rate(12.5, 60)).isEqualTo("25/2");
        assertThat(rate(0.01, 60)).isEqualTo("1");
        assertThat(rate(0, 60)).isEqualTo("25");
    }

    @Test
    void takesTheRateOfAVariableRateSourceFromItsFastPartsButNotAFieldRateOrATimeBase() {
        // ffprobe's average and base (r_frame_rate) rates
        assertThat(SourceVideo.frameRate(16.8, 30)).isEqualTo(30);
        assertThat(SourceVideo.frameRate(25, 50)).as("an interlaced stream's field rate").isEqualTo(25);
        assertThat(SourceVideo.frameRate(30, 1000)).as("a WebM time base").isEqualTo(30);
        assertThat(SourceVideo.frameRate(0, 24)).isEqualTo(24);
    }

    @Test
    void mixesSoundToStereoAt48kHzWithTheStandardCoefficients() {
        assertThat(Normalisation.audio())
                .isEqualTo("aresample=48000:ochl=stereo:clev=0.7071:slev=0.7071:lfe_mix_level=0");
    }

    @Test
    void recodesPicturesAsJpegHoldsColours() {
        assertThat(Normalisation.jpeg()).isEqualTo("zscale=min=bt709:rin=tv:m=bt470bg:r=full,format=yuvj420p");
    }

    private static String rate(double rate, int max) {
        return Normalisation.FrameRate.standard(rate, max).toString();
    }

    private static Normalisation normalisation(int width, int height, double rate, SourceVideo.Scan scan,
            SourceVideo.Colour colour) {
        return Normalisation.of(new SourceVideo(Path.of("source"), Duration.ofSeconds(10), width, height, rate, true,
                true, scan, colour, 0), 60);
    }
}
