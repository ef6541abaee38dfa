/** Who is calling: API keys, the owner they stand for, and which paths are public. */
@NullMarked
package io.transcoder.api.security;

import org.jspecify.annotations.NullMarked;
