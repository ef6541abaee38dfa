package io.transcoder.api.playback;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites an HLS playlist (RFC 8216): every URI line (a variant playlist, a segment) and every {@code URI="..."}
 * attribute of a tag ({@code EXT-X-MAP}, {@code EXT-X-MEDIA}, {@code EXT-X-I-FRAME-STREAM-INF}, ...). Comments and
 * other tags stay as they are.
 */
final class PlaylistRewriter {

    // attribute names are upper-case letters, digits and dashes, so "URI=" after ':' or ',' is the attribute itself
    private static final Pattern URI_ATTRIBUTE = Pattern.compile("([:,])URI=\"([^\"]*)\"");

    private PlaylistRewriter() {}

    static String rewrite(String playlist, References references) {
        StringBuilder rewritten = new StringBuilder(playlist.length() * 2);
        playlist.lines().forEach(line -> rewritten.append(rewriteLine(line, references)).append('\n'));
        return rewritten.toString();
    }

    private static String rewriteLine(String line, References references) {
        String trimmed = line.strip();
        if (trimmed.startsWith("#EXT")) {
            Matcher attributes = URI_ATTRIBUTE.matcher(line);
            return attributes.replaceAll(attribute -> Matcher.quoteReplacement(
                    attribute.group(1) + "URI=\"" + references.link(attribute.group(2)) + "\""));
        }
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return line;
        }
        return references.link(trimmed);
    }
}
