/** The contract and plumbing that every transcoder service shares. */
@NullMarked
package io.transcoder;

import org.jspecify.annotations.NullMarked;
