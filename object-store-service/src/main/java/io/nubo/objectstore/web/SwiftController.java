package io.nubo.objectstore.web;

import io.nubo.objectstore.account.AccountHandler;
import io.nubo.objectstore.container.ContainerHandler;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.error.SwiftException;
import io.nubo.objectstore.feature.BulkOperations;
import io.nubo.objectstore.feature.FormPost;
import io.nubo.objectstore.feature.TempUrl;
import io.nubo.objectstore.object.ObjectHandler;
import io.nubo.objectstore.swift.SwiftRequest;
import io.nubo.objectstore.swift.SwiftResponse;
import io.nubo.shared.security.NuboPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every {@code /v1/...} request, whatever its method (Swift has COPY): read off the servlet into a
 * {@link SwiftRequest}, handed to the account, container or object handler, and the {@link SwiftResponse} it
 * returns written back. The servlet types end here.
 */
@Controller
public class SwiftController {

    private final AccountHandler accounts;
    private final ContainerHandler containers;
    private final ObjectHandler objects;
    private final BulkOperations bulk;
    private final TempUrl tempUrl;
    private final FormPost formPost;

    public SwiftController(AccountHandler accounts, ContainerHandler containers, ObjectHandler objects,
                           BulkOperations bulk, TempUrl tempUrl, FormPost formPost) {
        this.formPost = formPost;
        this.accounts = accounts;
        this.containers = containers;
        this.objects = objects;
        this.bulk = bulk;
        this.tempUrl = tempUrl;
    }

    @RequestMapping("/v1/**")
    public void handle(NuboPrincipal who, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        SwiftResponse answer;
        try {
            SwiftRequest r = SwiftExchange.read(request);
            if (r.path().isObject()) {
                answer = object(r, who);
            } else if (r.path().isContainer()) {
                answer = container(r, who);
            } else {
                answer = account(r, who);
            }
        } catch (SwiftException e) {
            e.headers().forEach(response::setHeader);
            throw e;
        }
        SwiftExchange.write(answer, response);
    }

    private SwiftResponse object(SwiftRequest r, NuboPrincipal who) throws IOException {
        if (FormPost.requested(r)) {
            return formPost.handle(r);
        }
        boolean signed = false;
        String disposition = null;
        if (TempUrl.requested(r.query())) {
            // behind the gateway the forwarded prefix (/object-store) is the context path: clients sign it too
            tempUrl.verify(r.path(), r.query(), r.method(), r.contextPath());
            signed = true;
            if ("GET".equals(r.method())) {
                disposition = TempUrl.disposition(r.query(), r.path().object());
            }
        }
        try {
            return switch (r.method()) {
                case "GET", "HEAD" -> objects.read(r, who, signed, disposition);
                case "PUT" -> objects.put(r, who, signed);
                case "POST" -> objects.post(r, who, signed);
                case "DELETE" -> objects.delete(r, who, signed);
                case "COPY" -> objects.copyTo(r, who);
                default -> throw notAllowed("GET, HEAD, PUT, POST, DELETE, COPY");
            };
        } catch (SwiftException e) {
            throw disposition == null ? e : e.withHeader("Content-Disposition", disposition);
        }
    }

    private SwiftResponse container(SwiftRequest r, NuboPrincipal who) throws IOException {
        if ("PUT".equals(r.method()) && r.query().has("extract-archive")) {
            return bulk.extract(r, r.query().get("extract-archive"), who);
        }
        if (FormPost.requested(r)) {
            return formPost.handle(r);
        }
        return switch (r.method()) {
            case "GET", "HEAD" -> containers.read(r, who);
            case "PUT" -> containers.put(r, who);
            case "POST" -> containers.post(r, who);
            case "DELETE" -> containers.delete(r, who);
            default -> throw notAllowed("GET, HEAD, PUT, POST, DELETE");
        };
    }

    private SwiftResponse account(SwiftRequest r, NuboPrincipal who) throws IOException {
        String method = r.method();
        if (r.query().has("bulk-delete") && ("POST".equals(method) || "DELETE".equals(method))) {
            return bulk.delete(r, who);
        }
        if ("PUT".equals(method) && r.query().has("extract-archive")) {
            return bulk.extract(r, r.query().get("extract-archive"), who);
        }
        return switch (method) {
            case "GET", "HEAD" -> accounts.read(r, who);
            case "POST" -> accounts.post(r, who);
            default -> throw notAllowed("GET, HEAD, POST");
        };
    }

    private static SwiftException notAllowed(String allow) {
        return SwiftError.OS_011_METHOD_NOT_ALLOWED.error().withHeader("Allow", allow);
    }
}
