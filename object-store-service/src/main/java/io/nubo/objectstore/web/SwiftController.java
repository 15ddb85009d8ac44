package io.nubo.objectstore.web;

import io.nubo.objectstore.account.AccountHandler;
import io.nubo.objectstore.container.ContainerHandler;
import io.nubo.objectstore.error.SwiftError;
import io.nubo.objectstore.feature.BulkOperations;
import io.nubo.objectstore.feature.FormPost;
import io.nubo.objectstore.feature.TempUrl;
import io.nubo.objectstore.object.ObjectHandler;
import io.nubo.shared.security.NuboPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Every {@code /v1/...} request, whatever its method (Swift has COPY): parsed from the raw path and handed to
 * the account, container or object handler. Bodies are read from and written to the servlet streams directly.
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
        String raw = request.getRequestURI().substring(request.getContextPath().length());
        SwiftPath p = SwiftPath.parse(raw);
        QueryParams q = QueryParams.parse(request.getQueryString());
        String method = request.getMethod();
        if (p.isObject()) {
            object(p, q, who, method, request, response);
        } else if (p.isContainer()) {
            container(p, q, who, method, request, response);
        } else {
            account(p, q, who, method, request, response);
        }
    }

    private void object(SwiftPath p, QueryParams q, NuboPrincipal who, String method, HttpServletRequest request,
                        HttpServletResponse response) throws IOException {
        if (FormPost.requested(request)) {
            formPost.handle(p, request, response);
            return;
        }
        boolean signed = false;
        if (TempUrl.requested(q)) {
            // behind the gateway the forwarded prefix (/object-store) is the context path: clients sign it too
            tempUrl.verify(p, q, method, request.getContextPath());
            signed = true;
            if ("GET".equals(method)) {
                response.setHeader("Content-Disposition", TempUrl.disposition(q, p.object()));
            }
        }
        switch (method) {
            case "GET", "HEAD" -> objects.read(p, q, who, signed, request, response);
            case "PUT" -> objects.put(p, q, who, signed, request, response);
            case "POST" -> objects.post(p, who, signed, request, response);
            case "DELETE" -> objects.delete(p, q, who, signed, request, response);
            case "COPY" -> objects.copyTo(p, q, who, request, response);
            default -> throw notAllowed(response, "GET, HEAD, PUT, POST, DELETE, COPY");
        }
    }

    private void container(SwiftPath p, QueryParams q, NuboPrincipal who, String method,
                           HttpServletRequest request, HttpServletResponse response) throws IOException {
        if ("PUT".equals(method) && q.has("extract-archive")) {
            bulk.extract(p, q.get("extract-archive"), who, request, response);
            return;
        }
        if (FormPost.requested(request)) {
            formPost.handle(p, request, response);
            return;
        }
        switch (method) {
            case "GET", "HEAD" -> containers.read(p, q, who, request, response);
            case "PUT" -> containers.put(p, who, request, response);
            case "POST" -> containers.post(p, who, request, response);
            case "DELETE" -> containers.delete(p, who, response);
            default -> throw notAllowed(response, "GET, HEAD, PUT, POST, DELETE");
        }
    }

    private void account(SwiftPath p, QueryParams q, NuboPrincipal who, String method, HttpServletRequest request,
                         HttpServletResponse response) throws IOException {
        if (q.has("bulk-delete") && ("POST".equals(method) || "DELETE".equals(method))) {
            bulk.delete(p, who, request, response);
            return;
        }
        if ("PUT".equals(method) && q.has("extract-archive")) {
            bulk.extract(p, q.get("extract-archive"), who, request, response);
            return;
        }
        switch (method) {
            case "GET", "HEAD" -> accounts.read(p, q, who, request, response);
            case "POST" -> accounts.post(p, who, request, response);
            default -> throw notAllowed(response, "GET, HEAD, POST");
        }
    }

    private static RuntimeException notAllowed(HttpServletResponse response, String allow) {
        response.setHeader("Allow", allow);
        return SwiftError.OS_011_METHOD_NOT_ALLOWED.error();
    }
}
