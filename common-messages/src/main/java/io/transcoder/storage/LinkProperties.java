package io.transcoder.storage;

import java.net.URI;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How links to a job's manifests (HLS playlists, storyboard cues) are made: they point at the api-service, which
 * serves the manifest with every file it names signed for storage, and they carry an HMAC so that they need no
 * credentials. The api-service and the notifier-service must agree on both settings.
 *
 * @param publicUrl the api-service as users reach it
 * @param signingKey the secret the links are signed with, at least 32 characters; required by the services that
 *     hand out or serve links
 */
@Validated
@ConfigurationProperties("transcoder.links")
public record LinkProperties(@DefaultValue("http://localhost:8080") URI publicUrl, @Nullable String signingKey) {}
