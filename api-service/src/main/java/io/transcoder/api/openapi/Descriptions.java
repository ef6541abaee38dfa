package io.transcoder.api.openapi;

import io.transcoder.api.problems.ProblemType;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The API's description in words (Markdown, as Swagger UI renders it), ending with the catalogue of problems. */
final class Descriptions {

    private Descriptions() {}

    static String api(boolean keys) {
        return """
                Transcodes a video into the formats you choose. Submit it with `POST /api/jobs` (multipart: the \
                video and what to make of it), follow the job at `GET /api/jobs/{id}` or live on its event stream, \
                and fetch the results by the links in the job's answer; `GET /api/formats` lists what can be made.

                ## Keys
                """ + (keys ? """
                Every operation needs an API key unless it is marked as needing none (the format catalogue, the \
                signed manifest links a player follows, health). Send the key either way:

                - `Authorization: Bearer <key>`
                - `X-API-Key: <key>`

                A job belongs to the owner of the key that submitted it; another owner's job is answered as one \
                that does not exist. Without a valid key the answer is 401 with `WWW-Authenticate: Bearer`.
                """ : """
                Keys are off on this installation (`api.auth=none`): no operation needs one, and every job belongs \
                to the local owner.
                """) + """

                ## Problems
                Every error is an RFC 9457 problem (`application/problem+json`, the `ProblemDetail` schema): its \
                `type` says which, for a program to act on. Each operation lists the types it may answer; these \
                are all of them:

                | Status | Type | Title | When |
                |---|---|---|---|
                """ + Arrays.stream(ProblemType.values())
                .map(type -> "| " + type.status().value() + " | `" + type.type() + "` | " + type.title() + " | "
                        + type.when().replace("|", "\\|") + " |")
                .collect(Collectors.joining("\n")) + """


                Besides these, Spring MVC answers with `about:blank` as the type and the status as the title: 405 \
                for a method a path does not take, 406 for an `Accept` it cannot satisfy, 404 for a path it does \
                not serve.
                """;
    }
}
