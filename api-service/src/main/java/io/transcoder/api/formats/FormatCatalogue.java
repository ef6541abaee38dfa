package io.transcoder.api.formats;

import io.transcoder.TranscoderProperties;
import io.transcoder.api.problems.ApiException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The formats a user may ask for, as configured in {@code transcoder.formats}. */
@Component
public class FormatCatalogue {

    private final TranscoderProperties transcoder;

    FormatCatalogue(TranscoderProperties transcoder) {
        this.transcoder = transcoder;
    }

    public List<FormatView> all() {
        return transcoder.formats().entrySet().stream()
                .map(entry -> FormatView.of(entry.getKey(), entry.getValue()))
                .toList();
    }

    public List<String> ids() {
        return List.copyOf(transcoder.formats().keySet());
    }

    /**
     * The distinct format ids named by the given values, each a single id or a comma-separated list, in order.
     *
     * @throws ApiException when none is named or one is unknown
     */
    public List<String> resolve(List<String> values) {
        Set<String> requested = new LinkedHashSet<>();
        values.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(id -> id.strip().toLowerCase(Locale.ROOT))
                .filter(id -> !id.isEmpty())
                .forEach(requested::add);
        if (requested.isEmpty()) {
            throw ApiException.missingFormats(ids());
        }
        List<String> unknown = new ArrayList<>(requested);
        unknown.removeAll(transcoder.formats().keySet());
        if (!unknown.isEmpty()) {
            throw ApiException.unknownFormats(unknown, ids());
        }
        return List.copyOf(requested);
    }
}
