package io.transcoder.downloader.space;

import io.transcoder.downloader.DownloaderProperties;
import io.transcoder.work.WorkVolume;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SpaceConfiguration {

    @Bean
    FreeSpace workVolumeFreeSpace(WorkVolume workVolume) {
        return new FileStoreFreeSpace(workVolume.root());
    }

    @Bean
    SpaceGate spaceGate(FreeSpace freeSpace, DownloaderProperties downloader) {
        return new SpaceGate(freeSpace, downloader.minFreeSpace().toBytes(), Clock.systemUTC());
    }

    @Bean
    WorkVolumeHealthIndicator workVolumeHealthIndicator(SpaceGate gate, WorkVolume workVolume) {
        return new WorkVolumeHealthIndicator(gate, workVolume.root());
    }
}
