package io.transcoder.api.playback;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CrossOrigin;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A job's manifests for players, at the links {@link io.transcoder.storage.ManifestLinks} makes: public, since a
 * player cannot send an API key, and opened by the link's signature alone. GET (and HEAD) only.
 */
@RestController
@CrossOrigin(origins = "*", methods = {RequestMethod.GET, RequestMethod.HEAD}, maxAge = 3600)
@Tag(name = "Playback", description = "Manifests for players, opened by a signed link")
class ManifestController {

    private final Manifests manifests;

    ManifestController(Manifests manifests) {
        this.manifests = manifests;
    }

    @Operation(summary = "Read a manifest by its signed link", description = """
            An HLS playlist or a storyboard's WebVTT cues of a completed job, at a link from the job's answer (its \
            `outputs[].url` and `files[].url`): public, since a player cannot send a key, and opened by the link's \
            signature alone, from any origin (`Access-Control-Allow-Origin: *`). What the manifest names (segments, \
            images, other playlists) is rewritten into links signed until the same expiry. Use a link exactly as \
            the API gave it.""")
    @ApiResponse(responseCode = "200", description = "The manifest, with its links signed",
            headers = @Header(name = "Cache-Control", description = "`private, max-age=` the seconds until the link "
                    + "expires", schema = @Schema(type = "string")), content = {
                @Content(mediaType = "application/vnd.apple.mpegurl", schema = @Schema(type = "string")),
                @Content(mediaType = "text/vtt", schema = @Schema(type = "string"))})
    @GetMapping("/api/jobs/{jobId}/outputs/{format}/{*path}")
    ResponseEntity<byte[]> manifest(@Parameter(description = "The job's id") @PathVariable String jobId,
            @Parameter(description = "The format, e.g. `hls` or `storyboard`") @PathVariable String format,
            @Parameter(description = "The manifest's path in the rendition, e.g. `master.m3u8`; its slashes stay "
                    + "slashes (an encoded one is refused)")
            @PathVariable String path,
            @Parameter(description = "When the link expires, in Unix seconds")
            @RequestParam(required = false) @Nullable String expires,
            @Parameter(description = "The link's signature")
            @RequestParam(required = false) @Nullable String signature, HttpServletResponse response) {
        // a link is a bearer token: a player on any origin may read what it opens, and why it is refused
        response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        ServedManifest served = manifests.serve(jobId, format, path.substring(1), expires, signature);
        MediaType type = MediaType.parseMediaType(served.mediaType());
        return ResponseEntity.ok()
                // both are UTF-8 by their specifications; only text/vtt is read as something else without the charset
                .contentType(type.getType().equals("text") ? new MediaType(type, StandardCharsets.UTF_8) : type)
                .cacheControl(CacheControl.maxAge(served.life()).cachePrivate())
                .body(served.text().getBytes(StandardCharsets.UTF_8));
    }
}
