package io.transcoder.encoder.encoding;

import static org.mockito.Mockito.mock;

import io.transcoder.TranscoderProperties;
import io.transcoder.encoder.EncoderProperties;
import io.transcoder.jobs.JobStore;
import io.transcoder.messages.EncodingCompleted;
import io.transcoder.messages.JobTicket;
import io.transcoder.messages.SourceDownloaded;
import io.transcoder.work.WorkVolume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.ClassPathBeanDefinitionScanner;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The real {@link Encoder} for the media-correctness suite in {@code io.transcoder.encoder.media}, which cannot reach
 * the package-private class. The encoding package is wired by component scan as the application wires it (lazily, so
 * that only what the encoder needs is made), with the shipped catalogue, the default settings and a mocked job store:
 * the suite sees what a job would get, whatever the encoder's collaborators become.
 */
public final class MediaSuiteBridge implements AutoCloseable {

    private final WorkVolume workVolume;
    private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
    private final Encoder encoder;

    public MediaSuiteBridge(Path workRoot) {
        this.workVolume = new WorkVolume(workRoot);
        EncoderProperties settings = TestSettings.encoder();
        var transcoder = TestSettings.transcoder("media-suite", workRoot, TestSettings.catalogue());
        context.registerBean(EncoderProperties.class, () -> settings);
        context.registerBean(TranscoderProperties.class, () -> transcoder);
        context.registerBean(WorkVolume.class, () -> workVolume);
        context.registerBean(JobStore.class, () -> mock(JobStore.class));
        context.addBeanFactoryPostProcessor(new LazyInitializationBeanFactoryPostProcessor());
        // the encoder alone: no listening on the jobs' Redis channels
        ClassPathBeanDefinitionScanner scanner = new ClassPathBeanDefinitionScanner(context);
        scanner.addExcludeFilter(new AssignableTypeFilter(JobCancellations.class));
        scanner.scan(Encoder.class.getPackageName());
        context.refresh();
        this.encoder = context.getBean(Encoder.class);
    }

    public WorkVolume workVolume() {
        return workVolume;
    }

    /**
     * Encodes a copy of {@code source} as job {@code jobId} into {@code formats}; throws the job's
     * {@link io.transcoder.jobs.JobFailureException} when the encoder fails it.
     */
    public EncodingCompleted encode(String jobId, Path source, String sourceName, List<String> formats) {
        Path placed = workVolume.source(jobId);
        try {
            Files.createDirectories(placed.getParent());
            Files.copy(source, placed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JobTicket job = new JobTicket(jobId, "media-suite", "media-suite@example.com", formats, sourceName);
        return encoder.encode(new SourceDownloaded(job, workVolume.relativize(placed), 0));
    }

    @Override
    public void close() {
        context.close();
    }
}
