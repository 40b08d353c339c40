package org.vigil.cib;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import java.util.Map;

/**
 * The CIB as JSON: the wire format between nodes and the {@code --output-as json} format. Field names are
 * the record components; variants carry a {@code "kind"} such as {@code "primitive"} or {@code "rsc_order"}.
 */
public final class CibJson {
    private final ObjectMapper mapper;

    private CibJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public static CibJson standard() {
        JsonMapper m = JsonMapper.builder()
                .addMixIn(Resource.class, ResourceKinds.class)
                .addMixIn(Constraint.class, ConstraintKinds.class)
                .addMixIn(RuleCondition.class, ConditionKinds.class)
                .addMixIn(LrmRscOp.class, LrmRscOpCreator.class)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
        m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(256)
                .maxStringLength(16 * 1024 * 1024)
                .build());
        // Only record components are data; helper methods such as isEmpty() must not become fields.
        m.setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE);
        m.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        m.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        // Empty lists and maps are left out; the records read absent collections as empty.
        // Map values stay even when empty: value="" is not the same as no value.
        JsonInclude.Value nonEmpty = JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY,
                JsonInclude.Include.NON_NULL);
        m.configOverride(List.class).setInclude(nonEmpty);
        m.configOverride(Map.class).setInclude(nonEmpty);
        return new CibJson(m);
    }

    public String write(Cib cib) {
        return write((Object) cib);
    }

    /** Any model value (a resource, a constraint, a list of findings, ...) as indented JSON. */
    public String write(Object value) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("model value not writable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    public JsonNode tree(Object value) {
        return mapper.valueToTree(value);
    }

    public Cib read(String json, String source) throws CibParseException {
        try {
            Cib cib = mapper.readValue(json, Cib.class);
            if (cib == null) {
                throw new CibParseException(source, 0, "expected a JSON object describing a CIB, found null");
            }
            return cib;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new CibParseException(source, line, "not a CIB in JSON: " + e.getOriginalMessage());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CibParseException(source, 0, "not a CIB in JSON: " + e.getMessage());
        }
    }

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Primitive.class, name = "primitive"),
        @JsonSubTypes.Type(value = Group.class, name = "group"),
        @JsonSubTypes.Type(value = Clone.class, name = "clone"),
        @JsonSubTypes.Type(value = ResourceTemplate.class, name = "template"),
        @JsonSubTypes.Type(value = OpaqueResource.class, name = "opaque")
    })
    private interface ResourceKinds {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = LocationConstraint.class, name = "rsc_location"),
        @JsonSubTypes.Type(value = ColocationConstraint.class, name = "rsc_colocation"),
        @JsonSubTypes.Type(value = OrderConstraint.class, name = "rsc_order"),
        @JsonSubTypes.Type(value = OpaqueConstraint.class, name = "opaque")
    })
    private interface ConstraintKinds {}

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = Rule.class, name = "rule"),
        @JsonSubTypes.Type(value = Expression.class, name = "expression"),
        @JsonSubTypes.Type(value = DateExpression.class, name = "date_expression"),
        @JsonSubTypes.Type(value = OpaqueCondition.class, name = "opaque")
    })
    private interface ConditionKinds {}

    /** {@link LrmRscOp} is a class (it keeps its numbers parsed), so Jackson is told its constructor. */
    abstract static class LrmRscOpCreator {
        @com.fasterxml.jackson.annotation.JsonCreator
        LrmRscOpCreator(@JsonProperty("id") String id, @JsonProperty("operation") String operation,
                @JsonProperty("interval") String interval, @JsonProperty("callId") String callId,
                @JsonProperty("rcCode") String rcCode, @JsonProperty("opStatus") String opStatus,
                @JsonProperty("lastRcChange") String lastRcChange, @JsonProperty("execTime") String execTime,
                @JsonProperty("transitionKey") String transitionKey,
                @JsonProperty("transitionMagic") String transitionMagic, @JsonProperty("onNode") String onNode,
                @JsonProperty("exitReason") String exitReason,
                @JsonProperty("otherAttributes") Map<String, String> otherAttributes) {}
    }
}
