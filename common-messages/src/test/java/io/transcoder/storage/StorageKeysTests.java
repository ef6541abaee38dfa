package io.transcoder.storage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorageKeysTests {

    @Test
    void keepsOnlyHarmlessLettersOfAClientsFileName() {
        assertThat(StorageKeys.safeName("My Holiday (1).MP4")).isEqualTo("my_holiday_1_.mp4");
        assertThat(StorageKeys.safeName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(StorageKeys.safeName("C:\\Users\\me\\clip.mov")).isEqualTo("clip.mov");
        assertThat(StorageKeys.safeName("..")).isEqualTo("source");
        assertThat(StorageKeys.safeName("видео.mp4")).isEqualTo("mp4");
    }

    @Test
    void limitsTheLengthKeepingTheExtension() {
        assertThat(StorageKeys.safeName("a".repeat(300) + ".mp4")).hasSize(100).endsWith(".mp4");
    }

    @Test
    void laysOutSourcesAndOutputsByJob() {
        assertThat(StorageKeys.source("j1", "Clip.mov")).isEqualTo("sources/j1/clip.mov");
        assertThat(StorageKeys.rendition("j1", "webm")).isEqualTo("outputs/j1/webm/");
    }
}
