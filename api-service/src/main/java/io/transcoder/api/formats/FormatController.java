package io.transcoder.api.formats;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Formats", description = "What a job can make")
class FormatController {

    private final FormatCatalogue catalogue;

    FormatController(FormatCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Operation(summary = "List the formats", description = "The formats a job may ask for, by the id a submission "
            + "names in its part `formats`. Public: no key, and no owner's data.")
    @GetMapping("/api/formats")
    List<FormatView> formats() {
        return catalogue.all();
    }
}
