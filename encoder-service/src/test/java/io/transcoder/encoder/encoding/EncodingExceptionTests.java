package io.transcoder.encoder.encoding;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.jobs.FailureCode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class EncodingExceptionTests {

    @Test
    void givesLimitsInWordsAPersonReads() {
        assertThat(EncodingException.describe(Duration.ofHours(4))).isEqualTo("4 hours");
        assertThat(EncodingException.describe(Duration.ofMinutes(90))).isEqualTo("1 hour 30 minutes");
        assertThat(EncodingException.describe(Duration.ofSeconds(60))).isEqualTo("1 minute");
        assertThat(EncodingException.describe(Duration.ofMillis(2_040))).isEqualTo("2 seconds");
        assertThat(EncodingException.describe(Duration.ofMillis(300))).isEqualTo("300 milliseconds");
        assertThat(EncodingException.describe(DataSize.ofGigabytes(10))).isEqualTo("10 GB");
        assertThat(EncodingException.describe(DataSize.ofKilobytes(20))).isEqualTo("20 KB");
        assertThat(EncodingException.describe(DataSize.ofBytes(1_500))).isEqualTo("1500 bytes");
    }

    @Test
    void carriesTheCodeTheJobFailsWith() {
        assertThat(EncodingException.inputTooLong(Duration.ofHours(5), Duration.ofHours(4)))
                .hasMessage("Your video lasts 5 hours; we encode videos of up to 4 hours.")
                .extracting(EncodingException::code).isEqualTo(FailureCode.INPUT_TOO_LONG);
        assertThat(EncodingException.inputLongerThanItSays(Duration.ofHours(4)))
                .hasMessage("Your video plays for longer than the 4 hours we encode, although its file says it is shorter.")
                .extracting(EncodingException::code).isEqualTo(FailureCode.INPUT_TOO_LONG);
        assertThat(EncodingException.tooManyStreams(16))
                .hasMessage("Your video has more than 16 tracks (video, audio, subtitles and others); we encode videos "
                        + "with up to 16.")
                .extracting(EncodingException::code).isEqualTo(FailureCode.INPUT_TOO_LARGE);
        assertThat(EncodingException.stalled(Duration.ofSeconds(60)).code()).isEqualTo(FailureCode.ENCODER_TIMEOUT);
        assertThat(EncodingException.outputTooLarge("webm", DataSize.ofGigabytes(10)))
                .hasMessage("The WEBM version of your video would be larger than 10 GB, the most we store.")
                .extracting(EncodingException::code).isEqualTo(FailureCode.OUTPUT_TOO_LARGE);
    }
}
