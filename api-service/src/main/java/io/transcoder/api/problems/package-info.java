@NullMarked
package io.transcoder.api.problems;

import org.jspecify.annotations.NullMarked;
