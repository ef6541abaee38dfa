package io.transcoder.encoder;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Consumes {@code SourceDownloaded}, encodes the source into every requested format, publishes {@code EncodingCompleted}. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EncoderApplication {

    public static void main(String[] args) {
        SpringApplication.run(EncoderApplication.class, args);
    }
}
