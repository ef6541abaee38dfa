package io.transcoder.messages;

/** What a rendition is to the person who receives it. */
public enum RenditionKind {
    /** A progressive video file. */
    VIDEO,
    /** Sound only. */
    AUDIO,
    /** Pictures: a poster, a storyboard. */
    IMAGE,
    /** An adaptive stream: playlists and segments. */
    STREAM
}
