package io.transcoder;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A bare application, so common-messages' auto-configuration can be tested on its own. */
@SpringBootApplication
class TestTranscoderApplication {}
