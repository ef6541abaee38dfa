package io.transcoder.encoder.media;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.transcoder.encoder.encoding.MediaSuiteBridge;
import io.transcoder.jobs.FailureCode;
import io.transcoder.jobs.JobFailureException;
import io.transcoder.messages.EncodedRendition;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** One test class's sources and the real encoder that renders them, one job a rendition. */
final class Encodings implements AutoCloseable {

    /** A source encoded into one format, as a test's name says it: {@code hdr-pq.mkv → mp4}. */
    record Case(MediaSource source, String format) {

        @Override
        public String toString() {
            return source.name() + " → " + format;
        }
    }

    /** A rendition's folder and the file a link to it opens. */
    record Rendition(Path folder, String entry) {

        Path entryFile() {
            return folder.resolve(entry);
        }
    }

    private final SourceFiles sources;
    private final MediaSuiteBridge encoder;
    private final AtomicInteger jobs = new AtomicInteger();

    Encodings(Path work) {
        this.sources = new SourceFiles(work.resolve("sources"));
        this.encoder = new MediaSuiteBridge(work.resolve("volume"));
    }

    Path source(MediaSource source) {
        return sources.of(source);
    }

    /** The rendition of a case; fails the test, naming the job's failure, when the encoder fails the job. */
    Rendition encode(Case encoding) {
        try {
            EncodedRendition rendition = run(encoding).renditions().get(0);
            return new Rendition(encoder.workVolume().resolve(rendition.directory()), rendition.entry());
        } catch (JobFailureException e) {
            return fail("[encodes] %s: the encoder failed the job with %s: %s", encoding, e.code(), e.getMessage());
        }
    }

    /** Asserts that the encoder fails the case's job with {@code code}. */
    void assertFails(Case encoding, FailureCode code) {
        assertThatThrownBy(() -> run(encoding)).as("[refuses] %s", encoding)
                .isInstanceOf(JobFailureException.class)
                .extracting("code").isEqualTo(code);
    }

    private io.transcoder.messages.EncodingCompleted run(Case encoding) {
        String job = "media-" + jobs.incrementAndGet();
        return encoder.encode(job, sources.of(encoding.source()), encoding.source().name(), List.of(encoding.format()));
    }

    @Override
    public void close() {
        encoder.close();
    }
}
