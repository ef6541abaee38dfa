/** The messages the services exchange: past-tense records, one per fact, JSON on the wire. */
@NullMarked
package io.transcoder.messages;

import org.jspecify.annotations.NullMarked;
