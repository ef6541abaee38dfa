package io.transcoder.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class RenditionTests {

    @Test
    void keepsEachFilesPathSoSameNamesInTwoRungsGetTwoKeys() {
        StoredRendition ladder = new StoredRendition("hls", RenditionKind.STREAM, "outputs/j1/hls/", "master.m3u8",
                List.of(file("master.m3u8"), file("720p/seg_001.m4s"), file("480p/seg_001.m4s")));

        assertThat(ladder.files()).extracting(ladder::key).containsExactly(
                "outputs/j1/hls/master.m3u8", "outputs/j1/hls/720p/seg_001.m4s", "outputs/j1/hls/480p/seg_001.m4s");
        assertThat(ladder.entryFile().name()).isEqualTo("master.m3u8");
        assertThat(ladder.size()).isEqualTo(30);
    }

    @Test
    void refusesPathsThatLeaveTheRenditionAndAnEntryItDoesNotHold() {
        for (String path : List.of("", "/etc/passwd", "../x.mp4", "a/../../x", "a//b", "a\\b", ".", "a/./b")) {
            assertThatIllegalArgumentException().as(path).isThrownBy(() -> file(path));
        }
        assertThatIllegalArgumentException().isThrownBy(() -> new EncodedRendition("mp4", RenditionKind.VIDEO,
                "j1/out/mp4", "other.mp4", List.of(file("clip.mp4"))));
    }

    private static RenditionFile file(String path) {
        return new RenditionFile(path, 10, "application/octet-stream");
    }
}
