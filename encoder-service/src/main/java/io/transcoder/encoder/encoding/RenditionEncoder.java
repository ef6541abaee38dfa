package io.transcoder.encoder.encoding;

import java.util.List;

/** How one format's recipe makes its rendition of one source: {@link RenditionEncoders} picks it. */
sealed interface RenditionEncoder permits ProgressiveEncoder, HlsLadder, ThumbnailEncoder, StoryboardEncoder {

    /** The path, inside the rendition's folder, of the file a link to it points at. */
    String entry();

    /** The media type storage serves one of its files with. */
    String mediaType(String path);

    /**
     * The work it takes, in pixels written times seconds of video (or its equivalent for what only decodes): its
     * share of the job's progress.
     */
    double cost();

    /** Writes every file of the rendition into the request's folder. */
    void encode(EncodeRequest request);

    /** What its files must hold once written: {@link RenditionInspection} checks them before they ship. */
    List<RenditionCheck.Expected> expected();
}
