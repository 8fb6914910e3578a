package io.ecslattice.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Template;

/** A stack synthesized once (synthesis costs seconds), its template, and helpers to read it as plain JSON. */
final class SynthesizedStack {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    final Template template;
    final Map<String, Object> json;

    private SynthesizedStack(Template template) {
        this.template = template;
        this.json = template.toJSON();
    }

    /** Synthesizes the stack as the app does, with the given context values. */
    static SynthesizedStack synthesize(Map<String, Object> context) {
        App app = new App(AppProps.builder().context(context).analyticsReporting(false).build());
        return new SynthesizedStack(Template.fromStack(InfraApp.newStack(app)));
    }

    /** JSON text (single quotes allowed, for readability) as the maps and lists the template is compared with. */
    static Object parse(String json) {
        try {
            return JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad expected JSON in test: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> resources() {
        return (Map<String, Object>) json.get("Resources");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> outputs() {
        return (Map<String, Object>) json.get("Outputs");
    }

    /** The one resource with this logical id, failing when it is absent. */
    @SuppressWarnings("unchecked")
    Map<String, Object> resource(String logicalId) {
        Object resource = resources().get(logicalId);
        if (resource == null) {
            throw new AssertionError("no resource " + logicalId + "; resources: " + resources().keySet());
        }
        return (Map<String, Object>) resource;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId) {
        return (Map<String, Object>) resource(logicalId).get("Properties");
    }

    /** How many resources of each type the template has. */
    Map<String, Integer> resourceCountsByType() {
        Map<String, Integer> counts = new TreeMap<>();
        resources().values().forEach(resource ->
                counts.merge((String) ((Map<?, ?>) resource).get("Type"), 1, Integer::sum));
        return counts;
    }

    /** Asserts the whole value equals the expected JSON, so a missing or extra element fails. */
    static void assertJson(String expectedJson, Object actual) {
        assertEquals(parse(expectedJson), actual);
    }
}
