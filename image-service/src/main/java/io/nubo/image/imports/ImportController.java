package io.nubo.image.imports;

import io.nubo.image.web.Caller;
import io.nubo.shared.validation.ValidatedBody;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /v2/images/{id}/import} (202) and {@code GET /v2/images/{id}/tasks}. */
@RestController
public class ImportController {

    private final ImageImports imports;

    public ImportController(ImageImports imports) {
        this.imports = imports;
    }

    @PostMapping("/v2/images/{id}/import")
    @ValidatedBody("image/image-import.json")
    public ResponseEntity<Void> importImage(Caller caller, @PathVariable String id, @RequestBody ImportRequest request,
                                            @RequestHeader(name = "X-Image-Meta-Store", required = false) String store) {
        imports.start(id, request, store, caller);
        return ResponseEntity.status(HttpStatus.ACCEPTED).build();
    }

    @GetMapping("/v2/images/{id}/tasks")
    public TaskBody.TaskList tasks(Caller caller, @PathVariable String id) {
        return new TaskBody.TaskList(imports.tasksOf(id, caller).stream().map(TaskBody::of).toList());
    }
}
