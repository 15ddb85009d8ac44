package io.nubo.objectstore.feature;

import io.nubo.objectstore.container.ContainerEntity;
import io.nubo.objectstore.container.ContainerStore;
import io.nubo.objectstore.listing.Lister;
import io.nubo.objectstore.listing.ListingQuery;
import io.nubo.objectstore.object.ObjectCatalog;
import io.nubo.objectstore.object.ObjectDownload;
import io.nubo.objectstore.object.ListingRow;
import io.nubo.objectstore.object.ObjectEntity;
import io.nubo.objectstore.swift.SwiftHeaders;
import io.nubo.objectstore.swift.SwiftRequest;
import io.nubo.objectstore.swift.SwiftResponse;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * Swift's static web for anonymous readers of a public container: {@code X-Container-Meta-Web-Index} serves that
 * object for the container, {@code Web-Listings: true} an HTML listing (with {@code Web-Listings-CSS}).
 * {@code Web-Error} pages are not served (a missing object is a plain 404).
 */
@Component
public class StaticWeb {

    public static final String INDEX = "x-container-meta-web-index";
    static final String LISTINGS = "x-container-meta-web-listings";
    static final String CSS = "x-container-meta-web-listings-css";

    private final ObjectCatalog catalog;
    private final ObjectDownload download;

    public StaticWeb(ObjectCatalog catalog, ObjectDownload download) {
        this.catalog = catalog;
        this.download = download;
    }

    /** Whether the container's static web settings answer an anonymous GET of the container itself. */
    public boolean servesContainer(Map<String, String> meta) {
        return meta.containsKey(INDEX) || "true".equalsIgnoreCase(meta.getOrDefault(LISTINGS, ""));
    }

    public SwiftResponse container(ContainerEntity c, SwiftRequest request) throws IOException {
        Map<String, String> meta = ContainerStore.metadataOf(c);
        if (meta.containsKey(INDEX)) {
            Optional<ObjectEntity> index = catalog.find(c.getId(), meta.get(INDEX));
            if (index.isPresent()) {
                return download.serve(request.path().account(), index.get(), request, SwiftResponse.builder());
            }
        }
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html>\n<head>\n<title>Listing of /")
                .append(HtmlUtils.htmlEscape(c.getName())).append("/</title>\n");
        if (meta.containsKey(CSS)) {
            html.append("<link rel=\"stylesheet\" type=\"text/css\" href=\"")
                    .append(HtmlUtils.htmlEscape(meta.get(CSS))).append("\" />\n");
        }
        html.append("</head>\n<body>\n<h1>Listing of /").append(HtmlUtils.htmlEscape(c.getName()))
                .append("/</h1>\n<table>\n<tr><th>Name</th><th>Size</th><th>Date</th></tr>\n");
        ListingQuery all = new ListingQuery(null, "/", null, null, ListingQuery.MAX_LIMIT, false);
        for (Lister.Item<ListingRow> item : Lister.list(all,
                (from, rev, n) -> catalog.listingPage(c.getId(), from, rev, n), ListingRow::name)) {
            String name = HtmlUtils.htmlEscape(item.name());
            html.append("<tr><td><a href=\"").append(name).append("\">").append(name).append("</a></td><td>")
                    .append(item.isSubdir() ? "" : Long.toString(item.row().sizeBytes())).append("</td><td>")
                    .append(item.isSubdir() ? "" : SwiftHeaders.listingTime(item.row().modifiedAt()))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n</body>\n</html>\n");
        return SwiftResponse.builder().status(200).contentType("text/html; charset=UTF-8").body(html.toString())
                .build();
    }
}
