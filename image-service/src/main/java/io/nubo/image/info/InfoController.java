package io.nubo.image.info;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.nubo.image.image.ImageRepository;
import io.nubo.image.image.ImageStatus;
import io.nubo.image.imports.ImageImports;
import io.nubo.image.quota.ImageQuotas;
import io.nubo.image.store.ImageStore;
import io.nubo.image.store.ImageStores;
import io.nubo.image.web.Caller;
import java.util.EnumSet;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /v2/info/import}, {@code /v2/info/stores} and {@code /v2/info/usage}. */
@RestController
public class InfoController {

    private final ImageStores stores;
    private final ImageQuotas quotas;
    private final ImageRepository images;

    public InfoController(ImageStores stores, ImageQuotas quotas, ImageRepository images) {
        this.stores = stores;
        this.quotas = quotas;
        this.images = images;
    }

    public record ImportMethods(String description, String type, List<String> value) {
    }

    public record ImportInfo(@JsonProperty("import-methods") ImportMethods importMethods) {
    }

    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    public record StoreInfo(String id, String description, @JsonProperty("default") Boolean isDefault) {
    }

    public record Stores(List<StoreInfo> stores) {
    }

    public record Limit(long limit, long usage) {
    }

    public record Usage(@JsonProperty("image_size_total") Limit imageSizeTotal,
                        @JsonProperty("image_count_total") Limit imageCountTotal,
                        @JsonProperty("image_count_uploading") Limit imageCountUploading) {
    }

    public record UsageInfo(Usage usage) {
    }

    @GetMapping("/v2/info/import")
    public ImportInfo importMethods() {
        return new ImportInfo(new ImportMethods("Import methods available.", "array", ImageImports.IMPORT_METHODS));
    }

    @GetMapping("/v2/info/stores")
    public Stores stores() {
        ImageStore def = stores.defaultStore();
        return new Stores(stores.all().stream()
                .map(s -> new StoreInfo(s.id(), s.description(), s == def ? Boolean.TRUE : null)).toList());
    }

    @GetMapping("/v2/info/usage")
    public UsageInfo usage(Caller caller) {
        String project = caller.projectId();
        long bytes = images.bytesUsed(project);
        return new UsageInfo(new Usage(new Limit(quotas.bytesLimit(), bytes),
                new Limit(quotas.imagesLimit(), images.countLive(project)),
                new Limit(quotas.uploadsLimit(), images.countInStatus(project,
                        EnumSet.of(ImageStatus.SAVING, ImageStatus.UPLOADING, ImageStatus.IMPORTING)))));
    }
}
