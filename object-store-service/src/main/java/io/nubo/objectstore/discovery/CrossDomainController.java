package io.nubo.objectstore.discovery;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Swift's crossdomain middleware: the Flash/Silverlight cross-domain policy, public, whatever the client accepts. */
@Controller
public class CrossDomainController {

    static final String POLICY = """
            <?xml version="1.0"?>
            <!DOCTYPE cross-domain-policy SYSTEM "http://www.adobe.com/xml/dtds/cross-domain-policy.dtd" >
            <cross-domain-policy>
            <allow-access-from domain="*" secure="false" />
            </cross-domain-policy>""";

    @GetMapping("/crossdomain.xml")
    public void policy(HttpServletResponse response) throws IOException {
        byte[] body = POLICY.getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/xml; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
