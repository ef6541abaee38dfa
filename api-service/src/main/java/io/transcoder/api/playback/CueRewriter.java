package io.transcoder.api.playback;

/**
 * Rewrites a WebVTT file's cue payloads that name a file, such as a storyboard's {@code sprite.jpg#xywh=0,0,160,90},
 * to the file's URL in storage with the fragment kept. The header, notes, cue identifiers and timings, and payloads
 * of text stay as they are.
 */
final class CueRewriter {

    private CueRewriter() {}

    static String rewrite(String vtt, References references) {
        StringBuilder rewritten = new StringBuilder(vtt.length() * 2);
        boolean inPayload = false;
        for (String line : vtt.lines().toList()) {
            if (line.isBlank()) {
                inPayload = false; // a blank line ends every block
            } else if (inPayload) {
                line = rewritePayload(line, references);
            } else if (line.contains("-->")) {
                inPayload = true; // a cue's timing line; its payload follows
            }
            rewritten.append(line).append('\n');
        }
        return rewritten.toString();
    }

    private static String rewritePayload(String line, References references) {
        String token = line.strip();
        if (token.chars().anyMatch(Character::isWhitespace)) {
            return line; // words: a caption, not a reference
        }
        int hash = token.indexOf('#');
        String target = hash < 0 ? token : token.substring(0, hash);
        String fragment = hash < 0 ? "" : token.substring(hash);
        boolean looksLikeLink = hash >= 0 || token.contains("/") || token.contains(":");
        if (looksLikeLink || references.resolve(target).isPresent()) {
            return references.fileLink(target) + fragment;
        }
        return line;
    }
}
