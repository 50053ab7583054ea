package io.hearth.nodes.http;

import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.DisplayOptions;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.util.List;

/** n8n's HTTP Request parameters: versions 3 to 4.4 (the current form) and 1 to 2 (the older form). */
final class HttpRequestDescription {

    static final String NAME = "hearth.httpRequest";
    static final List<String> GENERIC_TYPES = List.of(
            "httpBasicAuth", "httpDigestAuth", "httpHeaderAuth", "httpQueryAuth", "httpBearerAuth", "oAuth2Api");

    private HttpRequestDescription() {}

    private static Parameter.Builder nameValueList(String name, String display, String entry) {
        return Parameter.fixedCollection(
                        name,
                        true,
                        "Add " + entry,
                        new FieldGroup(
                                "parameters",
                                entry,
                                List.of(
                                        Parameter.string("name")
                                                .displayName("Name")
                                                .build(),
                                        Parameter.string("value")
                                                .displayName("Value")
                                                .build())))
                .displayName(display);
    }

    private static Option[] methods() {
        return new Option[] {
            Option.of("DELETE", "DELETE"),
            Option.of("GET", "GET"),
            Option.of("HEAD", "HEAD"),
            Option.of("OPTIONS", "OPTIONS"),
            Option.of("PATCH", "PATCH"),
            Option.of("POST", "POST"),
            Option.of("PUT", "PUT")
        };
    }

    static final NodeDescription DESCRIPTION = NodeDescription.builder(NAME)
            .alias("n8n-nodes-base.httpRequest")
            .displayName("HTTP Request")
            .versions(1, 2, 3, 4, 4.1, 4.2, 4.3, 4.4)
            .group(NodeGroup.ACTION)
            .categories("Core", "Development")
            .icon("fa:globe")
            .description("Makes an HTTP request and returns the response data")
            .subtitle("={{$parameter[\"method\"] + \": \" + $parameter[\"url\"]}}")
            .credential(CredentialRequirement.anyRequestAuthentication(
                    DisplayOptions.show("authentication", "predefinedCredentialType")))
            .credential(CredentialRequirement.when(
                    "httpBasicAuth", DisplayOptions.show("genericAuthType", "httpBasicAuth")))
            .credential(CredentialRequirement.when(
                    "httpDigestAuth", DisplayOptions.show("genericAuthType", "httpDigestAuth")))
            .credential(CredentialRequirement.when(
                    "httpHeaderAuth", DisplayOptions.show("genericAuthType", "httpHeaderAuth")))
            .credential(CredentialRequirement.when(
                    "httpQueryAuth", DisplayOptions.show("genericAuthType", "httpQueryAuth")))
            .credential(CredentialRequirement.when(
                    "httpBearerAuth", DisplayOptions.show("genericAuthType", "httpBearerAuth")))
            .credential(CredentialRequirement.when("oAuth2Api", DisplayOptions.show("genericAuthType", "oAuth2Api")))
            // ---- versions 3 to 4.4
            .parameter(Parameter.options("method", methods())
                    .displayName("Method")
                    .defaultValue("GET")
                    .show("@version", 3.0, 4.0, 4.1, 4.2, 4.3, 4.4))
            .parameter(
                    Parameter.string("url").displayName("URL").required().placeholder("http://example.com/index.html"))
            .parameter(Parameter.options(
                            "authentication",
                            Option.of("None", "none"),
                            Option.of(
                                    "Predefined Credential Type",
                                    "predefinedCredentialType",
                                    "A credential type that declares how it signs requests (e.g. Home Assistant API)"),
                            Option.of("Generic Credential Type", "genericCredentialType"))
                    .displayName("Authentication")
                    .defaultValue("none")
                    .noDataExpression()
                    .show("@version", 3.0, 4.0, 4.1, 4.2, 4.3, 4.4))
            // the installed types that declare how they sign requests; the generic ones are under Generic Auth Type
            .parameter(Parameter.requestCredentialType("nodeCredentialType", GENERIC_TYPES.toArray(String[]::new))
                    .displayName("Credential Type")
                    .noDataExpression()
                    .required()
                    .show("authentication", "predefinedCredentialType"))
            .parameter(Parameter.options(
                            "genericAuthType",
                            Option.of("Basic Auth", "httpBasicAuth"),
                            Option.of("Digest Auth", "httpDigestAuth"),
                            Option.of("Header Auth", "httpHeaderAuth"),
                            Option.of("Query Auth", "httpQueryAuth"),
                            Option.of("Bearer Auth", "httpBearerAuth"),
                            Option.of("OAuth2 API", "oAuth2Api"))
                    .displayName("Generic Auth Type")
                    .defaultValue("httpBasicAuth")
                    .required()
                    .show("authentication", "genericCredentialType"))
            .parameter(Parameter.bool("sendQuery")
                    .displayName("Send Query Parameters")
                    .show("@version", 3.0, 4.0, 4.1, 4.2, 4.3, 4.4))
            .parameter(Parameter.options(
                            "specifyQuery", Option.of("Using Fields Below", "keypair"), Option.of("Using JSON", "json"))
                    .displayName("Specify Query Parameters")
                    .defaultValue("keypair")
                    .show("sendQuery", true))
            .parameter(nameValueList("queryParameters", "Query Parameters", "Parameter")
                    .show("sendQuery", true)
                    .show("specifyQuery", "keypair"))
            .parameter(Parameter.json("jsonQuery")
                    .displayName("JSON")
                    .show("sendQuery", true)
                    .show("specifyQuery", "json"))
            .parameter(Parameter.bool("sendHeaders")
                    .displayName("Send Headers")
                    .show("@version", 3.0, 4.0, 4.1, 4.2, 4.3, 4.4))
            .parameter(Parameter.options(
                            "specifyHeaders",
                            Option.of("Using Fields Below", "keypair"),
                            Option.of("Using JSON", "json"))
                    .displayName("Specify Headers")
                    .defaultValue("keypair")
                    .show("sendHeaders", true))
            .parameter(nameValueList("headerParameters", "Headers", "Header")
                    .show("sendHeaders", true)
                    .show("specifyHeaders", "keypair"))
            .parameter(Parameter.json("jsonHeaders")
                    .displayName("JSON")
                    .show("sendHeaders", true)
                    .show("specifyHeaders", "json"))
            .parameter(
                    Parameter.bool("sendBody").displayName("Send Body").show("@version", 3.0, 4.0, 4.1, 4.2, 4.3, 4.4))
            .parameter(Parameter.options(
                            "contentType",
                            Option.of("Form Urlencoded", "form-urlencoded"),
                            Option.of("Form-Data", "multipart-form-data"),
                            Option.of("JSON", "json"),
                            Option.of("n8n Binary File", "binaryData"),
                            Option.of("Raw", "raw"))
                    .displayName("Body Content Type")
                    .defaultValue("json")
                    .show("sendBody", true))
            .parameter(Parameter.options(
                            "specifyBody",
                            Option.of("Using Fields Below", "keypair"),
                            Option.of("Using JSON", "json"),
                            Option.of("Using Single Field", "string"))
                    .displayName("Specify Body")
                    .defaultValue("keypair")
                    .show("sendBody", true)
                    .show("contentType", "json", "form-urlencoded"))
            .parameter(Parameter.fixedCollection(
                            "bodyParameters",
                            true,
                            "Add Parameter",
                            new FieldGroup(
                                    "parameters",
                                    "Body Field",
                                    List.of(
                                            Parameter.options(
                                                            "parameterType",
                                                            Option.of("n8n Binary File", "formBinaryData"),
                                                            Option.of("Form Data", "formData"))
                                                    .displayName("Type")
                                                    .defaultValue("formData")
                                                    .build(),
                                            Parameter.string("name")
                                                    .displayName("Name")
                                                    .build(),
                                            Parameter.string("value")
                                                    .displayName("Value")
                                                    .build(),
                                            Parameter.string("inputDataFieldName")
                                                    .displayName("Input Data Field Name")
                                                    .description("The binary property of the input item to send")
                                                    .build())))
                    .displayName("Body Parameters")
                    .show("sendBody", true)
                    .show("contentType", "json", "form-urlencoded", "multipart-form-data"))
            .parameter(Parameter.json("jsonBody")
                    .displayName("JSON")
                    .show("sendBody", true)
                    .show("contentType", "json")
                    .show("specifyBody", "json"))
            .parameter(Parameter.string("body")
                    .displayName("Body")
                    .show("sendBody", true)
                    .show("contentType", "raw", "form-urlencoded"))
            .parameter(Parameter.string("inputDataFieldName")
                    .displayName("Input Data Field Name")
                    .defaultValue("data")
                    .show("sendBody", true)
                    .show("contentType", "binaryData"))
            .parameter(Parameter.string("rawContentType")
                    .displayName("Content Type")
                    .placeholder("text/html")
                    .show("sendBody", true)
                    .show("contentType", "raw"))
            .parameter(Parameter.collection(
                            "options",
                            "Add Option",
                            Parameter.fixedCollection(
                                            "batching",
                                            false,
                                            "Add Batching",
                                            new FieldGroup(
                                                    "batch",
                                                    "Batching",
                                                    List.of(
                                                            Parameter.number("batchSize")
                                                                    .displayName("Items per Batch")
                                                                    .defaultValue(50)
                                                                    .build(),
                                                            Parameter.number("batchInterval")
                                                                    .displayName("Batch Interval (ms)")
                                                                    .defaultValue(1000)
                                                                    .build())))
                                    .displayName("Batching")
                                    .build(),
                            Parameter.bool("allowUnauthorizedCerts")
                                    .displayName("Ignore SSL Issues (Insecure)")
                                    .build(),
                            Parameter.options(
                                            "queryParameterArrays",
                                            Option.of("No Brackets", "repeat"),
                                            Option.of("Brackets Only", "brackets"),
                                            Option.of("Brackets with Indices", "indices"))
                                    .displayName("Array Format in Query Parameters")
                                    .defaultValue("brackets")
                                    .build(),
                            Parameter.bool("lowercaseHeaders")
                                    .displayName("Lowercase Headers")
                                    .defaultValue(true)
                                    .build(),
                            Parameter.fixedCollection(
                                            "redirect",
                                            false,
                                            "Add Redirect",
                                            new FieldGroup(
                                                    "redirect",
                                                    "Redirect",
                                                    List.of(
                                                            Parameter.bool("followRedirects")
                                                                    .displayName("Follow Redirects")
                                                                    .defaultValue(true)
                                                                    .build(),
                                                            Parameter.number("maxRedirects")
                                                                    .displayName("Max Redirects")
                                                                    .defaultValue(21)
                                                                    .build())))
                                    .displayName("Redirects")
                                    .build(),
                            Parameter.fixedCollection(
                                            "response",
                                            false,
                                            "Add Response",
                                            new FieldGroup(
                                                    "response",
                                                    "Response",
                                                    List.of(
                                                            Parameter.bool("fullResponse")
                                                                    .displayName("Include Response Headers and Status")
                                                                    .build(),
                                                            Parameter.bool("neverError")
                                                                    .displayName("Never Error")
                                                                    .build(),
                                                            Parameter.options(
                                                                            "responseFormat",
                                                                            Option.of("Autodetect", "autodetect"),
                                                                            Option.of("File", "file"),
                                                                            Option.of("JSON", "json"),
                                                                            Option.of("Text", "text"))
                                                                    .displayName("Response Format")
                                                                    .defaultValue("autodetect")
                                                                    .build(),
                                                            Parameter.string("outputPropertyName")
                                                                    .displayName("Put Output in Field")
                                                                    .defaultValue("data")
                                                                    .build())))
                                    .displayName("Response")
                                    .build(),
                            Pagination.parameter(),
                            Parameter.string("proxy")
                                    .displayName("Proxy")
                                    .placeholder("e.g. http://myproxy:3128")
                                    .build(),
                            Parameter.number("timeout")
                                    .displayName("Timeout")
                                    .defaultValue(10000)
                                    .description("Milliseconds to wait for the response before aborting the request")
                                    .build(),
                            Parameter.bool("sendCredentialsOnCrossOriginRedirect")
                                    .displayName("Send Credentials on Cross-Origin Redirect")
                                    .build())
                    .displayName("Options")
                    .show("@version", 3.0, 4.0, 4.1, 4.2, 4.3, 4.4))
            // ---- versions 1 and 2 (n8n's older form)
            .parameters(LegacyParameters.parameters())
            .documentationUrl("https://docs.n8n.io/integrations/builtin/core-nodes/n8n-nodes-base.httprequest/")
            .build();
}
