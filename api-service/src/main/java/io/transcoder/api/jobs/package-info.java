@NullMarked
package io.transcoder.api.jobs;

import org.jspecify.annotations.NullMarked;
