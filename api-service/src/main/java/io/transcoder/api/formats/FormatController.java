package io.transcoder.api.formats;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class FormatController {

    private final FormatCatalogue catalogue;

    FormatController(FormatCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GetMapping("/api/formats")
    List<FormatView> formats() {
        return catalogue.all();
    }
}
