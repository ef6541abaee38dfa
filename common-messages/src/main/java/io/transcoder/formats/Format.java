package io.transcoder.formats;

import io.transcoder.messages.RenditionKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the format catalogue: what a person choosing it reads, and the one recipe that makes its rendition.
 * Exactly one of the recipes is set.
 */
public record Format(
        @NotBlank String description,
        @Nullable @Valid Progressive progressive,
        @Nullable @Valid Hls hls,
        @Nullable @Valid Thumbnail thumbnail,
        @Nullable @Valid Storyboard storyboard) {

    public Format {
        long recipes = Stream.of(progressive, hls, thumbnail, storyboard).filter(Objects::nonNull).count();
        if (recipes != 1) {
            throw new IllegalArgumentException("A format has exactly one recipe (progressive, hls, thumbnail or "
                    + "storyboard), not " + recipes);
        }
    }

    public static Format of(String description, Recipe recipe) {
        return new Format(description,
                recipe instanceof Progressive progressive ? progressive : null,
                recipe instanceof Hls hls ? hls : null,
                recipe instanceof Thumbnail thumbnail ? thumbnail : null,
                recipe instanceof Storyboard storyboard ? storyboard : null);
    }

    /** The recipe that is set. */
    public Recipe recipe() {
        return Stream.<Recipe>of(progressive, hls, thumbnail, storyboard).filter(Objects::nonNull).findFirst()
                .orElseThrow();
    }

    public RenditionKind kind() {
        return recipe().kind();
    }

    /** The media type of the rendition's entry file. */
    public String mediaType() {
        return recipe().mediaType();
    }
}
