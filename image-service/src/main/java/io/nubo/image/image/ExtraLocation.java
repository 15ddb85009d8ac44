package io.nubo.image.image;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A further location of an image's data after the first: its URL, the store that reads it, its metadata (JSON). */
@Embeddable
public class ExtraLocation {

    private String url;
    @Column(name = "store_name")
    private String storeName;
    private String metadata;

    protected ExtraLocation() {
    }

    public ExtraLocation(String url, String storeName, String metadata) {
        this.url = url;
        this.storeName = storeName;
        this.metadata = metadata;
    }

    public String getUrl() {
        return url;
    }

    public String getStoreName() {
        return storeName;
    }

    public String getMetadata() {
        return metadata;
    }

    public void setMetadata(String metadata) {
        this.metadata = metadata;
    }
}
