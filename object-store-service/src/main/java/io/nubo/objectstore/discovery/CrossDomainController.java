package io.nubo.objectstore.discovery;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** Swift's crossdomain middleware: the Flash/Silverlight cross-domain policy, public. */
@RestController
public class CrossDomainController {

    static final String POLICY = """
            <?xml version="1.0"?>
            <!DOCTYPE cross-domain-policy SYSTEM "http://www.adobe.com/xml/dtds/cross-domain-policy.dtd" >
            <cross-domain-policy>
            <allow-access-from domain="*" secure="false" />
            </cross-domain-policy>""";

    @GetMapping(value = "/crossdomain.xml", produces = MediaType.APPLICATION_XML_VALUE)
    public String policy() {
        return POLICY;
    }
}
