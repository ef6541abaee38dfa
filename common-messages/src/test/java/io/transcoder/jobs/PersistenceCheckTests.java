package io.transcoder.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.transcoder.test.TranscoderTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.core.StringRedisTemplate;

@TranscoderTest
@ExtendWith(OutputCaptureExtension.class)
class PersistenceCheckTests {

    @Autowired
    StringRedisTemplate redis;

    @Test
    void warnsExactlyWhenRedisHasNoAppendOnlyFile(CapturedOutput output) {
        String appendOnly = redis.execute((org.springframework.data.redis.connection.RedisConnection connection) ->
                connection.serverCommands().info("persistence")).getProperty("aof_enabled");

        new PersistenceCheck(redis).check();

        if ("0".equals(appendOnly)) {
            assertThat(output).contains("Redis keeps the job state without an append-only file");
        } else {
            assertThat(output).doesNotContain("without an append-only file");
        }
    }
}
