package io.transcoder.api.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.api.TestKeys;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobStore;
import io.transcoder.test.TranscoderTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.json.JsonMapper;

/** An owner's limits: unfinished jobs at once (10) and submissions a minute (here 12). */
@TranscoderTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
    "api.max-unfinished-jobs=10", "api.max-submissions-per-minute=12"})
class OwnerLimitsTests {

    @LocalServerPort
    int port;

    @Autowired
    JobStore jobs;

    @Autowired
    JsonMapper json;

    @Test
    void refusesTheEleventhUnfinishedJobThenTheThirteenthSubmissionOfTheMinute() {
        ApiClient carol = new ApiClient(port, json, TestKeys.CAROL);
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ApiClient.Answer answer = carol.submit(Uploads.form("clip.mp4", new byte[100]));
            assertThat(answer.status()).isEqualTo(HttpStatus.ACCEPTED);
            queued.add(answer.body().get("id").asString());
        }

        ApiClient.Answer eleventh = carol.submit(Uploads.form("clip.mp4", new byte[100]));

        assertThat(eleventh.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(eleventh.body().get("type").asString()).isEqualTo("/problems/too-many-jobs");
        assertThat(eleventh.body().get("maxUnfinishedJobs").asInt()).isEqualTo(10);
        assertThat(eleventh.headers().getFirst("Retry-After")).isEqualTo("30");
        assertThat(new ApiClient(port, json, TestKeys.DAVE).submit(Uploads.form("clip.mp4", new byte[100]))
                .status()).as("another owner").isEqualTo(HttpStatus.ACCEPTED);

        queued.forEach(id -> jobs.fail(id, FailureCode.INPUT_NOT_VIDEO, "not a video")); // finished: room again
        assertThat(carol.submit(Uploads.form("clip.mp4", new byte[100])).status())
                .isEqualTo(HttpStatus.ACCEPTED);
        assertThat(carol.submit(Uploads.form("clip.mp4", new byte[100])).status())
                .isEqualTo(HttpStatus.ACCEPTED);
        ApiClient.Answer thirteenth = carol.submit(Uploads.form("clip.mp4", new byte[100]));

        assertThat(thirteenth.status()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(thirteenth.body().get("type").asString()).isEqualTo("/problems/too-many-submissions");
        assertThat(Integer.parseInt(thirteenth.headers().getFirst("Retry-After"))).isBetween(1, 60);
        assertThat(jobs.unfinished("carol")).as("refused submissions hold no place").isEqualTo(2);
    }
}
