package io.transcoder.api.playback;

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
class ManifestController {

    private final Manifests manifests;

    ManifestController(Manifests manifests) {
        this.manifests = manifests;
    }

    @GetMapping("/api/jobs/{jobId}/outputs/{format}/{*path}")
    ResponseEntity<byte[]> manifest(@PathVariable String jobId, @PathVariable String format, @PathVariable String path,
            @RequestParam(required = false) @Nullable String expires,
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
