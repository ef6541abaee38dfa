package io.transcoder.encoder.media;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** One real encoder and its generated sources for a test class of the suite, in a folder of its own. */
abstract class RenditionSuite {

    @TempDir
    static Path work;

    static Encodings encodings;

    @BeforeAll
    static void startEncoder() {
        encodings = new Encodings(work);
    }

    @AfterAll
    static void stopEncoder() {
        encodings.close();
    }
}
