package io.transcoder.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkVolumeTests {

    @TempDir
    Path root;

    @Test
    void laysOutAJobsFilesUnderItsDirectory() {
        WorkVolume volume = new WorkVolume(root);

        assertThat(volume.source("j1")).isEqualTo(root.resolve("j1/source"));
        assertThat(volume.outputDirectory("j1", "mp4")).isEqualTo(root.resolve("j1/out/mp4"));
        assertThat(volume.relativize(volume.source("j1"))).isEqualTo("j1/source");
        assertThat(volume.resolve("j1/source")).isEqualTo(volume.source("j1"));
    }

    @Test
    void refusesPathsThatLeaveTheVolume() {
        WorkVolume volume = new WorkVolume(root);

        assertThatIllegalArgumentException().isThrownBy(() -> volume.resolve("../etc/passwd"));
        assertThatIllegalArgumentException().isThrownBy(() -> volume.resolve("/etc/passwd"));
        assertThatIllegalArgumentException().isThrownBy(() -> volume.jobDirectory(".."));
        assertThatIllegalArgumentException().isThrownBy(() -> volume.resolve(""));
    }

    @Test
    void publishesAFinishedFileUnderItsNameAndDeletesAJobsFiles() throws Exception {
        WorkVolume volume = new WorkVolume(root);
        Path source = volume.source("j1");
        Files.createDirectories(source.getParent());
        Path partial = volume.partial(source);
        Files.writeString(partial, "video");

        volume.publish(partial, source);

        assertThat(source).hasContent("video");
        assertThat(partial).doesNotExist();
        volume.delete("j1");
        assertThat(volume.jobDirectory("j1")).doesNotExist();
        volume.delete("j1");
    }
}
