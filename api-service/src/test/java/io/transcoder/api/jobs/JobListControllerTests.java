package io.transcoder.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;

import io.transcoder.api.ApiProperties;
import io.transcoder.api.TestKeys;
import io.transcoder.api.security.SecurityConfiguration;
import io.transcoder.jobs.JobStore;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

@WebMvcTest(JobListController.class)
@Import({JobListing.class, SecurityConfiguration.class})
@EnableConfigurationProperties(ApiProperties.class)
class JobListControllerTests {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    JobStore jobs;

    @Test
    void asksForTwentyJobsOfTheCallerAndEveryStateByDefault() {
        given(jobs.list(any(), any(), any(), anyInt())).willReturn(new JobStore.JobList(List.of(), null));

        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs"))
                .hasStatusOk()
                .bodyJson()
                .hasPathSatisfying("$.jobs", page -> assertThat(page).asArray().isEmpty())
                .hasPathSatisfying("$.next", next -> assertThat(next).isNull());
        then(jobs).should().list(eq("alice"), eq(Set.of()), eq(null), eq(20));
    }

    @Test
    void answersAStoreThatIsDownWithAProblem() {
        given(jobs.list(any(), any(), any(), anyInt()))
                .willThrow(new RedisConnectionFailureException("Connection refused: localhost:6379"));

        assertThat(mvc.get().header("X-API-Key", TestKeys.ALICE).uri("/api/jobs"))
                .hasStatus(HttpStatus.SERVICE_UNAVAILABLE)
                .hasContentType(MediaType.APPLICATION_PROBLEM_JSON)
                .bodyJson()
                .hasPathSatisfying("$.type", type -> assertThat(type).asString().isEqualTo("/problems/unavailable"));
    }
}
