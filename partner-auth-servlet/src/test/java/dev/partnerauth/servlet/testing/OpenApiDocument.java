package dev.partnerauth.servlet.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.opentest4j.AssertionFailedError;

/**
 * The OpenAPI 3.1 document that the servlet jar ships ({@value #RESOURCE}, the same text as
 * {@code docs/openapi.yaml}), as a check of real responses. Which operation a response answers, its
 * status and its required headers are read from the document here; the body is checked against the
 * operation's schema by networknt's JSON Schema 2020-12 validator (the dialect of OpenAPI 3.1, with
 * {@code format} asserted). {@link Http} runs every response under {@code /api/v1/} through
 * {@link #assertResponseValid}, so each HTTP test checks the document as a side effect.
 *
 * <p>What is checked: a path the document names answers only the statuses its operation declares
 * (a method it does not declare: 405 with {@code Allow}), with a JSON body matching the schema, or
 * no body where none is declared. A path under {@code /api/v1} that it does not name ({@code
 * /api/v1/nope}) answering 404 or 405 must carry the {@code errors} body, as the document's
 * description says (a test of a host's own endpoint that writes its own 404 sends it unchecked);
 * other answers there and a host's pages are not checked.
 * Thread-safe.
 */
public final class OpenApiDocument {
    /** Where the servlet jar carries the document. */
    public static final String RESOURCE = "/META-INF/partner-auth/openapi.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static volatile OpenApiDocument shipped;

    private final JsonNode root;
    private final Map<Pattern, JsonNode> paths = new LinkedHashMap<>();
    private final Map<JsonNode, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private final SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();

    OpenApiDocument(String yaml) {
        SwaggerParseResult parsed = parse(yaml);
        if (parsed.getOpenAPI() == null || !parsed.getMessages().isEmpty()) {
            throw new IllegalStateException("not a valid OpenAPI document: " + parsed.getMessages());
        }
        try {
            this.root = new YAMLMapper().readTree(yaml);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not YAML", e);
        }
        if (!root.path("openapi").asText().startsWith("3.1.")) {
            throw new IllegalStateException("not OpenAPI 3.1: " + root.path("openapi").asText());
        }
        root.path("paths").fields().forEachRemaining(e -> paths.put(template(e.getKey()), e.getValue()));
    }

    /** The document the servlet jar ships, read once. */
    public static OpenApiDocument shipped() {
        OpenApiDocument d = shipped;
        if (d == null) {
            d = new OpenApiDocument(shippedText());
            shipped = d;
        }
        return d;
    }

    /** The text of {@value #RESOURCE} from the classpath. */
    public static String shippedText() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that the document allows this response to {@code method rawPath}.
     *
     * @throws AssertionFailedError naming the operation and every problem found
     */
    public void assertResponseValid(String method, String rawPath, int status, HttpHeaders headers, String body) {
        JsonNode item = pathItem(rawPath);
        String subject = status + " to " + method + " " + rawPath;
        if (item == null) {
            boolean api = rawPath.equals("/api/v1") || rawPath.startsWith("/api/v1/");
            if (api && (status == 404 || status == 405) && !method.equalsIgnoreCase("HEAD")) {
                checkBody(subject, errorsResponse(), headers, body);
            }
            return;
        }
        JsonNode operation = item.get(method.toLowerCase(Locale.ROOT));
        if (operation == null) {
            if (status != 405 || headers.firstValue("Allow").isEmpty()) {
                fail(subject, List.of("the document declares no " + method + " here: expected 405 with Allow"));
            }
            if (!method.equalsIgnoreCase("HEAD")) {   // HTTP sends a HEAD answer's headers only
                checkBody(subject, errorsResponse(), headers, body);
            }
            return;
        }
        JsonNode response = operation.path("responses").get(Integer.toString(status));
        if (response == null) {
            response = operation.path("responses").get("default");
        }
        if (response == null) {
            fail(subject, List.of("status " + status + " is not declared for " + operation.path("operationId").asText()
                    + " (declared: " + fieldNames(operation.path("responses")) + ")"));
        }
        checkBody(subject, resolve(response), headers, body);
    }

    /** The path item whose template matches the raw path, or {@code null}. */
    JsonNode pathItem(String rawPath) {
        for (Map.Entry<Pattern, JsonNode> e : paths.entrySet()) {
            if (e.getKey().matcher(rawPath).matches()) {
                return e.getValue();
            }
        }
        return null;
    }

    private void checkBody(String subject, JsonNode response, HttpHeaders headers, String body) {
        List<String> problems = new ArrayList<>();
        response.path("headers").fields().forEachRemaining(h -> {
            if (resolve(h.getValue()).path("required").asBoolean() && headers.firstValue(h.getKey()).isEmpty()) {
                problems.add("required header " + h.getKey() + " is missing");
            }
        });
        JsonNode media = response.path("content").get("application/json");
        if (media == null) {
            if (!body.isEmpty()) {
                problems.add("the document declares no body, got: " + body);
            }
            fail(subject, problems);
            return;
        }
        String type = headers.firstValue("Content-Type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            problems.add("Content-Type " + type + " is not application/json");
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            problems.add("body is not JSON: " + body);
            fail(subject, problems);
            return;
        }
        for (ValidationMessage m : schemaOf(media.get("schema")).validate(value)) {
            problems.add(m.getMessage());
        }
        if (!problems.isEmpty()) {
            problems.add("body: " + body);
        }
        fail(subject, problems);
    }

    /** A schema of the document, compiled with the document's components beside it so that its refs resolve. */
    private JsonSchema schemaOf(JsonNode schema) {
        return schemas.computeIfAbsent(schema, s -> {
            ObjectNode wrapper = JSON.createObjectNode();
            wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
            wrapper.setAll((ObjectNode) s.deepCopy());
            wrapper.set("components", root.path("components"));
            return factory.getSchema(wrapper, config);
        });
    }

    private JsonNode errorsResponse() {
        return root.path("components").path("responses").path("BadRequest");
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        String pointer = ref.asText();
        if (!pointer.startsWith("#/")) {
            throw new IllegalStateException("only local refs are supported: " + pointer);
        }
        JsonNode target = root.at(pointer.substring(1));
        if (target.isMissingNode()) {
            throw new IllegalStateException("dangling ref " + pointer);
        }
        return resolve(target);
    }

    /**
     * The problems of every request example the document gives, checked against its own request
     * schema: a document whose examples break its schemas misleads the host teams who copy them.
     */
    List<String> requestExampleProblems() {
        List<String> problems = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            JsonNode media = op.getValue().path("requestBody").path("content").path("application/json");
            if (!METHODS.contains(op.getKey()) || media.path("example").isMissingNode()) {
                return;
            }
            for (ValidationMessage m : schemaOf(media.get("schema")).validate(media.get("example"))) {
                problems.add(op.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey() + ": " + m.getMessage());
            }
        }));
        return problems;
    }

    /** How many operations give a request example. */
    long requestExampleCount() {
        List<JsonNode> examples = new ArrayList<>();
        root.path("paths").forEach(item -> item.forEach(op ->
                examples.add(op.path("requestBody").path("content").path("application/json").path("example"))));
        return examples.stream().filter(e -> !e.isMissingNode()).count();
    }

    /** Every operation of the document as {@code METHOD path}, in document order. */
    public List<String> operations() {
        List<String> out = new ArrayList<>();
        root.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (METHODS.contains(m)) {
                out.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }));
        return out;
    }

    private static void fail(String subject, List<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionFailedError("Response " + subject + " breaks docs/openapi.yaml:\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static String fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static Pattern template(String path) {
        StringBuilder regex = new StringBuilder();
        for (String part : path.split("(?=\\{)|(?<=\\})")) {
            regex.append(part.startsWith("{") ? "[^/]+" : Pattern.quote(part));
        }
        return Pattern.compile(regex.toString());
    }

    private static SwaggerParseResult parse(String yaml) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIParser().readContents(yaml, null, options);
    }
}
