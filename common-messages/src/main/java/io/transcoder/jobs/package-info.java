@NullMarked
package io.transcoder.jobs;

import org.jspecify.annotations.NullMarked;
