package io.transcoder.system;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The test's own context: the shared contract's beans, to read job state and clean the namespace up afterwards. */
@SpringBootApplication
class SystemTestApplication {}
