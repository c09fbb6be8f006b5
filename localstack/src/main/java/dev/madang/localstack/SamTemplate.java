package dev.madang.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An AWS SAM template ({@code template.yaml}) read into a small typed model: functions (with the {@code Globals}
 * merged in), their HTTP API, schedule and SQS events and policies; tables; queues; state machines; log groups;
 * parameters and outputs.
 *
 * <p>CloudFormation intrinsic functions, in short form ({@code !Ref X}, {@code !GetAtt X.Arn}, {@code !Sub ...})
 * or long form ({@code {Ref: X}}, {@code {"Fn::GetAtt": [X, Arn]}}), are read into {@link Intrinsic} values.
 * {@link #resolver} turns them into concrete values given parameter values and the physical names of resources
 * (the local stack supplies its own).
 *
 * <p>The template is the one source of truth for the local stack: {@link TemplateProvisioner} creates what it
 * declares, and tests iterate over this model to check the template against the code.
 */
public final class SamTemplate {

    public static final String FUNCTION = "AWS::Serverless::Function";
    public static final String HTTP_API = "AWS::Serverless::HttpApi";
    public static final String STATE_MACHINE = "AWS::Serverless::StateMachine";
    public static final String TABLE = "AWS::DynamoDB::Table";
    public static final String QUEUE = "AWS::SQS::Queue";
    public static final String LOG_GROUP = "AWS::Logs::LogGroup";

    /** The value of {@code AWS::NoValue}: a map entry or list element resolving to it is dropped. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private static final Pattern SUB_PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    private static final Pattern LAMBDA_LOG_GROUP = Pattern.compile("/aws/lambda/\\$\\{([A-Za-z0-9]+)}");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;
    private final Map<String, Object> document;
    private final Map<String, Parameter> parameters;
    private final Map<String, Resource> resources;
    private final Map<String, Object> globalsFunction;
    private final Map<String, Object> conditions;
    private final Map<String, Object> outputs;
    private final List<Function> functions;
    private final List<Table> tables;
    private final List<Queue> queues;
    private final List<StateMachine> stateMachines;
    private final List<LogGroup> logGroups;

    private SamTemplate(Path path, Map<String, Object> document) {
        this.path = path;
        this.document = document;
        this.parameters = readParameters(map(document.get("Parameters")));
        this.resources = readResources(map(document.get("Resources")));
        this.globalsFunction = map(map(document.get("Globals")).get("Function"));
        this.conditions = map(document.get("Conditions"));
        this.outputs = map(document.get("Outputs"));
        this.functions = resources.values().stream().filter(r -> r.type().equals(FUNCTION))
                .map(this::readFunction).toList();
        this.tables = resources.values().stream().filter(r -> r.type().equals(TABLE))
                .map(SamTemplate::readTable).toList();
        this.queues = resources.values().stream().filter(r -> r.type().equals(QUEUE))
                .map(SamTemplate::readQueue).toList();
        this.stateMachines = resources.values().stream().filter(r -> r.type().equals(STATE_MACHINE))
                .map(this::readStateMachine).toList();
        this.logGroups = resources.values().stream().filter(r -> r.type().equals(LOG_GROUP))
                .map(SamTemplate::readLogGroup).toList();
    }

    /** System property naming the repository's template (the build sets it for tests). */
    public static final String TEMPLATE_PROPERTY = "madang.template";

    /**
     * The repository's {@code template.yaml}: the system property {@value #TEMPLATE_PROPERTY}, else the first
     * {@code template.yaml} found walking up from the working directory.
     *
     * @throws IllegalStateException if there is none
     */
    public static Path repositoryTemplatePath() {
        String configured = System.getProperty(TEMPLATE_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path p = Path.of(configured).toAbsolutePath().normalize();
            if (!Files.isRegularFile(p)) {
                throw new IllegalStateException("-D" + TEMPLATE_PROPERTY + " names " + p + ", which is not a file");
            }
            return p;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("cannot find template.yaml: set -D" + TEMPLATE_PROPERTY
                + " or run from inside the repository (none above " + start + ")");
    }

    /** Reads the repository's template ({@link #repositoryTemplatePath()}). */
    public static SamTemplate loadRepositoryTemplate() {
        return load(repositoryTemplatePath());
    }

    /** Reads a template file; relative paths inside it ({@code DefinitionUri}) resolve against its folder. */
    public static SamTemplate load(Path templateFile) {
        try {
            Path absolute = templateFile.toAbsolutePath().normalize();
            return parse(Files.readString(absolute, StandardCharsets.UTF_8), absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read SAM template " + templateFile, e);
        }
    }

    /**
     * Parses template text. {@code path} names where it came from (its folder resolves relative
     * {@code DefinitionUri}s); it may be {@code null} for a template without file references.
     */
    public static SamTemplate parse(String yaml, Path path) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object loaded = new Yaml(new CfnConstructor(options)).load(yaml);
        if (!(loaded instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a CloudFormation template (top level is not a mapping): " + path);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> document = (Map<String, Object>) normalize(loaded);
        if (!(document.get("Resources") instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("template has no Resources section: " + path);
        }
        return new SamTemplate(path, document);
    }

    // ------------------------------------------------------------------------------------------------------
    // The model
    // ------------------------------------------------------------------------------------------------------

    /** A CloudFormation intrinsic function as written in the template. */
    public sealed interface Intrinsic permits Ref, GetAtt, Sub, Join, If, Fn {
    }

    /** {@code !Ref target}: a parameter, a pseudo parameter ({@code AWS::Region}) or a resource's logical id. */
    public record Ref(String target) implements Intrinsic {
    }

    /** {@code !GetAtt resource.attribute}. */
    public record GetAtt(String resource, String attribute) implements Intrinsic {
    }

    /** {@code !Sub template} or {@code !Sub [template, {var: value}]}. */
    public record Sub(String template, Map<String, Object> variables) implements Intrinsic {
        /** The names inside {@code ${...}} (not {@code ${!literal}}), e.g. {@code AWS::Region}, {@code Fn.Arn}. */
        public List<String> placeholders() {
            List<String> names = new ArrayList<>();
            Matcher m = SUB_PLACEHOLDER.matcher(template);
            while (m.find()) {
                if (!m.group(1).startsWith("!")) {
                    names.add(m.group(1).trim());
                }
            }
            return names;
        }
    }

    /** {@code !Join [delimiter, [values...]]}. */
    public record Join(String delimiter, Object values) implements Intrinsic {
    }

    /** {@code !If [condition, whenTrue, whenFalse]}. */
    public record If(String condition, Object whenTrue, Object whenFalse) implements Intrinsic {
    }

    /**
     * Any other intrinsic function ({@code Fn::Select}, {@code Fn::Split}, {@code Fn::Equals}, {@code Fn::Not},
     * {@code Fn::And}, {@code Fn::Or}, {@code Condition}, {@code Fn::FindInMap}, {@code Fn::Base64},
     * {@code Fn::GetAZs}, {@code Fn::ImportValue}, {@code Fn::Cidr}, ...) with its argument as written.
     */
    public record Fn(String name, Object argument) implements Intrinsic {
    }

    /** A template parameter. {@code defaultValue} is {@code null} when the template gives none. */
    public record Parameter(String name, String type, String defaultValue, List<String> allowedValues) {
    }

    /** Any resource: its properties as written and its resource attributes (DeletionPolicy, DependsOn...). */
    public record Resource(String logicalId, String type, Map<String, Object> properties,
                           Map<String, Object> attributes) {
    }

    /**
     * An {@code AWS::Serverless::Function}.
     *
     * @param properties  the function's properties with {@code Globals.Function} merged in (maps merged, the
     *                    function's scalars win, lists appended)
     * @param environment {@code Environment.Variables}, globals merged, values as written (strings, numbers or
     *                    {@link Intrinsic}s)
     * @param events      every event source as written; the typed lists below view the common kinds
     */
    public record Function(String logicalId, String codeUri, String handler, String runtime,
                           Map<String, Object> environment, List<HttpApiEvent> httpApiEvents,
                           List<ScheduleEvent> scheduleEvents, List<SqsEvent> sqsEvents, List<Event> events,
                           List<Policy> policies, Map<String, Object> properties) {

        /** The {@code QUARKUS_LAMBDA_HANDLER} variable (the {@code @Named} handler a workers function runs). */
        public Optional<String> quarkusLambdaHandler() {
            Object value = environment.get("QUARKUS_LAMBDA_HANDLER");
            return value instanceof String s ? Optional.of(s) : Optional.empty();
        }

        /** Logical ids of the tables named by this function's policy templates of the given kinds. */
        public Set<String> tablesWithPolicy(String... policyTemplates) {
            Set<String> kinds = Set.of(policyTemplates);
            Set<String> ids = new LinkedHashSet<>();
            for (Policy policy : policies) {
                if (kinds.contains(policy.name())) {
                    policy.table().ifPresent(ids::add);
                }
            }
            return ids;
        }

        /** Logical ids of every table any policy of this function names. */
        public Set<String> tables() {
            Set<String> ids = new LinkedHashSet<>();
            policies.forEach(p -> p.table().ifPresent(ids::add));
            return ids;
        }

        /** The route keys of its HTTP API events, e.g. {@code GET /v1/rounds/{roundId}}. */
        public List<String> routeKeys() {
            return httpApiEvents.stream().map(HttpApiEvent::routeKey).toList();
        }
    }

    /** An event source of a function, as written. */
    public record Event(String name, String type, Map<String, Object> properties) {
    }

    /**
     * An {@code HttpApi} event.
     *
     * @param apiId      logical id of the {@code AWS::Serverless::HttpApi} ({@code ServerlessHttpApi} when implicit)
     * @param method     upper case ({@code GET}, {@code ANY}...)
     * @param authorizer the authorizer in effect (the event's, else the API's {@code DefaultAuthorizer});
     *                   {@code null} for a public route
     */
    public record HttpApiEvent(String function, String name, String apiId, String method, String path,
                               String authorizer) {
        public boolean isPublic() {
            return authorizer == null;
        }

        /** API Gateway's route key, {@code METHOD /path}. */
        public String routeKey() {
            return method + " " + path;
        }
    }

    /**
     * A {@code Schedule} (EventBridge rule) or {@code ScheduleV2} (EventBridge Scheduler) event.
     *
     * @param flexibleTimeWindowMode {@code OFF} or {@code FLEXIBLE}; {@code null} for a {@code Schedule} event
     */
    public record ScheduleEvent(String function, String name, String type, String expression, String timezone,
                                String flexibleTimeWindowMode, Integer maximumWindowInMinutes, Object input,
                                boolean enabled) {
    }

    /** An {@code SQS} event: the function consumes the queue. */
    public record SqsEvent(String function, String name, String queue, Integer batchSize,
                           boolean reportsBatchItemFailures) {
    }

    /**
     * One entry of {@code Policies}: a SAM policy template ({@code name} = template name, {@code parameters} its
     * map), a managed policy ({@code name} = its name or ARN, no parameters) or an inline document
     * ({@code name} = {@code "Statement"}).
     */
    public record Policy(String name, Object parameters) {
        /** The logical id in {@code TableName: !Ref X}, for the DynamoDB policy templates. */
        public Optional<String> table() {
            if (parameters instanceof Map<?, ?> m && m.get("TableName") instanceof Ref ref) {
                return Optional.of(ref.target());
            }
            return Optional.empty();
        }

        /** Logical ids this policy refers to ({@code !Ref}, {@code !GetAtt}, {@code ${X}} in {@code !Sub}). */
        public Set<String> referencedResources() {
            Set<String> ids = new LinkedHashSet<>();
            collectReferences(parameters, ids);
            ids.removeIf(id -> id.startsWith("AWS::"));
            return ids;
        }
    }

    /** A key: partition key and (optional, may be {@code null}) sort key attribute names. */
    public record Key(String partitionKey, String sortKey) {
    }

    /** A secondary index; {@code nonKeyAttributes} is empty unless the projection is {@code INCLUDE}. */
    public record Index(String name, Key key, String projectionType, List<String> nonKeyAttributes) {
    }

    /**
     * An {@code AWS::DynamoDB::Table}.
     *
     * @param attributeTypes attribute name to {@code S}, {@code N} or {@code B}
     * @param ttlAttribute   the {@code TimeToLiveSpecification} attribute when enabled, else {@code null}
     * @param tableName      the explicit {@code TableName} as written, or {@code null} (CloudFormation names it)
     */
    public record Table(String logicalId, Key key, Map<String, String> attributeTypes,
                        List<Index> globalSecondaryIndexes, List<Index> localSecondaryIndexes, String billingMode,
                        String ttlAttribute, Object tableName, Map<String, Object> properties) {
        public Optional<Index> globalSecondaryIndex(String name) {
            return globalSecondaryIndexes.stream().filter(i -> i.name().equals(name)).findFirst();
        }
    }

    /**
     * An {@code AWS::SQS::Queue}.
     *
     * @param deadLetterQueue logical id of the dead-letter queue in its {@code RedrivePolicy}, or {@code null}
     * @param maxReceiveCount the redrive policy's {@code maxReceiveCount}, or {@code null}
     */
    public record Queue(String logicalId, boolean fifo, String deadLetterQueue, Integer maxReceiveCount,
                        Map<String, Object> properties) {
    }

    /**
     * An {@code AWS::Serverless::StateMachine}.
     *
     * @param definitionFile  {@code DefinitionUri} resolved against the template's folder, or {@code null} for an
     *                        inline {@code Definition}
     * @param definition      the inline {@code Definition}, or {@code null}
     * @param substitutions   {@code DefinitionSubstitutions} as written
     * @param type            {@code STANDARD} (default) or {@code EXPRESS}
     */
    public record StateMachine(String logicalId, String type, Path definitionFile, Object definition,
                               Map<String, Object> substitutions, List<Policy> policies, List<Event> events,
                               Map<String, Object> properties) {

        /** The definition text with its {@code ${Placeholders}} still in place. */
        public String definitionText() {
            if (definitionFile != null) {
                try {
                    return Files.readString(definitionFile, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the definition of " + logicalId + ": "
                            + definitionFile, e);
                }
            }
            if (definition == null) {
                throw new IllegalStateException(logicalId + " has neither DefinitionUri nor Definition");
            }
            try {
                return JSON.writeValueAsString(definition);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("inline Definition of " + logicalId + " is not JSON-serialisable", e);
            }
        }

        /** The {@code ${Name}} placeholders that occur in the definition, in order of first appearance. */
        public Set<String> definitionPlaceholders() {
            Set<String> names = new LinkedHashSet<>();
            Matcher m = SUB_PLACEHOLDER.matcher(definitionText());
            while (m.find()) {
                names.add(m.group(1));
            }
            return names;
        }
    }

    /**
     * An {@code AWS::Logs::LogGroup}.
     *
     * @param function the function logical id when the name is {@code /aws/lambda/${Function}}, else {@code null}
     */
    public record LogGroup(String logicalId, Object logGroupName, Object retentionInDays, String function) {
    }

    // ------------------------------------------------------------------------------------------------------
    // Accessors
    // ------------------------------------------------------------------------------------------------------

    /** The template file, or {@code null} if parsed from text without one. */
    public Path path() {
        return path;
    }

    /** The whole document, intrinsic functions normalised to {@link Intrinsic} values. */
    public Map<String, Object> document() {
        return document;
    }

    public Map<String, Parameter> parameters() {
        return parameters;
    }

    /** Every resource by logical id, in template order. */
    public Map<String, Resource> resources() {
        return resources;
    }

    public Optional<Resource> resource(String logicalId) {
        return Optional.ofNullable(resources.get(logicalId));
    }

    /** {@code Globals.Function} as written (empty if absent). */
    public Map<String, Object> globalsFunction() {
        return globalsFunction;
    }

    public Map<String, Object> conditions() {
        return conditions;
    }

    public Map<String, Object> outputs() {
        return outputs;
    }

    public List<Function> functions() {
        return functions;
    }

    /** The function with this logical id. */
    public Function function(String logicalId) {
        return functions.stream().filter(f -> f.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no function " + logicalId + " in " + path));
    }

    /** The functions built from one artifact, e.g. {@code functions/api/target/function.zip}. */
    public List<Function> functionsWithCodeUri(String codeUri) {
        return functions.stream().filter(f -> codeUri.equals(f.codeUri())).toList();
    }

    /** Every HTTP API event of every function, in template order. */
    public List<HttpApiEvent> httpApiEvents() {
        return functions.stream().flatMap(f -> f.httpApiEvents().stream()).toList();
    }

    /** Every schedule event of every function. */
    public List<ScheduleEvent> scheduleEvents() {
        return functions.stream().flatMap(f -> f.scheduleEvents().stream()).toList();
    }

    /** Every SQS event of every function. */
    public List<SqsEvent> sqsEvents() {
        return functions.stream().flatMap(f -> f.sqsEvents().stream()).toList();
    }

    public List<Table> tables() {
        return tables;
    }

    public Table table(String logicalId) {
        return tables.stream().filter(t -> t.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no table " + logicalId + " in " + path));
    }

    public List<Queue> queues() {
        return queues;
    }

    public Queue queue(String logicalId) {
        return queues.stream().filter(q -> q.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no queue " + logicalId + " in " + path));
    }

    /** Whether some queue's redrive policy targets this queue. */
    public boolean isDeadLetterQueue(String queueLogicalId) {
        return queues.stream().anyMatch(q -> queueLogicalId.equals(q.deadLetterQueue()));
    }

    /** Queues ordered so that every dead-letter queue comes before the queues that redrive to it. */
    public List<Queue> queuesInCreationOrder() {
        List<Queue> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        Map<String, Queue> byId = new LinkedHashMap<>();
        queues.forEach(q -> byId.put(q.logicalId(), q));
        for (Queue q : queues) {
            placeQueue(q, byId, placed, ordered, new LinkedHashSet<>());
        }
        return ordered;
    }

    private static void placeQueue(Queue q, Map<String, Queue> byId, Set<String> placed, List<Queue> ordered,
                                   Set<String> visiting) {
        if (placed.contains(q.logicalId())) {
            return;
        }
        if (!visiting.add(q.logicalId())) {
            throw new IllegalArgumentException("redrive policies form a cycle through " + visiting);
        }
        if (q.deadLetterQueue() != null) {
            Queue dlq = byId.get(q.deadLetterQueue());
            if (dlq == null) {
                throw new IllegalArgumentException("queue " + q.logicalId() + " redrives to " + q.deadLetterQueue()
                        + ", which is not a queue of this template");
            }
            placeQueue(dlq, byId, placed, ordered, visiting);
        }
        placed.add(q.logicalId());
        ordered.add(q);
    }

    public List<StateMachine> stateMachines() {
        return stateMachines;
    }

    public StateMachine stateMachine(String logicalId) {
        return stateMachines.stream().filter(s -> s.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no state machine " + logicalId + " in " + path));
    }

    public List<LogGroup> logGroups() {
        return logGroups;
    }

    /** The log group named {@code /aws/lambda/${function}}, if the template declares one. */
    public Optional<LogGroup> logGroupOf(String functionLogicalId) {
        return logGroups.stream().filter(g -> functionLogicalId.equals(g.function())).findFirst();
    }

    @Override
    public String toString() {
        return "SamTemplate[" + path + ", " + resources.size() + " resources]";
    }

    // ------------------------------------------------------------------------------------------------------
    // Resolution of intrinsic functions
    // ------------------------------------------------------------------------------------------------------

    /** Physical values of resources, supplied by whoever created them (the local stack, a deployed stack). */
    public interface ResourceValues {
        /** What {@code !Ref resource} returns (a table name, a queue URL, a state machine ARN...). */
        Object ref(Resource resource);

        /** What {@code !GetAtt resource.attribute} returns. */
        Object getAtt(Resource resource, String attribute);
    }

    /** Raised when a value cannot be resolved (unknown name, parameter without value, unsupported function). */
    public static class UnresolvableException extends IllegalStateException {
        public UnresolvableException(String message) {
            super(message);
        }
    }

    /** Raised when a value needs a parameter that was given no value and has no default. */
    public static final class MissingParameterValueException extends UnresolvableException {
        private final String parameter;

        public MissingParameterValueException(String parameter) {
            super("parameter " + parameter + " has no value and no default");
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * A resolver of intrinsic functions.
     *
     * @param parameterValues  values of template parameters; a parameter absent here takes its default
     * @param pseudoParameters values of {@code AWS::Region}, {@code AWS::AccountId}, ... ({@code AWS::NoValue} is
     *                         built in)
     * @param resources        physical values of resources
     */
    public Resolver resolver(Map<String, String> parameterValues, Map<String, ?> pseudoParameters,
                             ResourceValues resources) {
        return new Resolver(parameterValues, pseudoParameters, resources);
    }

    /** Resolves intrinsic functions in values of this template. */
    public final class Resolver {
        private final Map<String, String> parameterValues;
        private final Map<String, ?> pseudoParameters;
        private final ResourceValues values;

        private Resolver(Map<String, String> parameterValues, Map<String, ?> pseudoParameters,
                         ResourceValues values) {
            this.parameterValues = Map.copyOf(parameterValues);
            this.pseudoParameters = Map.copyOf(pseudoParameters);
            this.values = Objects.requireNonNull(values, "values");
        }

        /**
         * Resolves every intrinsic inside {@code value} (maps and lists are copied). Entries resolving to
         * {@link #NO_VALUE} are dropped from maps and lists; a top-level {@code NO_VALUE} is returned as is.
         *
         * @throws UnresolvableException if something cannot be resolved
         */
        public Object resolve(Object value) {
            if (value instanceof Map<?, ?> m) {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    Object v = resolve(e.getValue());
                    if (v != NO_VALUE) {
                        out.put(String.valueOf(e.getKey()), v);
                    }
                }
                return out;
            }
            if (value instanceof List<?> l) {
                List<Object> out = new ArrayList<>();
                for (Object item : l) {
                    Object v = resolve(item);
                    if (v != NO_VALUE) {
                        out.add(v);
                    }
                }
                return out;
            }
            if (value instanceof Intrinsic intrinsic) {
                return resolveIntrinsic(intrinsic);
            }
            return value;
        }

        /** Resolves to a string (numbers and booleans as written); {@code NO_VALUE} and {@code null} fail. */
        public String resolveString(Object value) {
            Object resolved = resolve(value);
            if (resolved == null || resolved == NO_VALUE || resolved instanceof Map || resolved instanceof List) {
                throw new UnresolvableException("expected a string value but got " + resolved + " from " + value);
            }
            return String.valueOf(resolved);
        }

        /** The value of a parameter: the given value, else its default. */
        public String parameter(String name) {
            Parameter p = parameters.get(name);
            if (p == null) {
                throw new UnresolvableException("no parameter " + name);
            }
            String v = parameterValues.get(name);
            if (v == null) {
                v = p.defaultValue();
            }
            if (v == null) {
                throw new MissingParameterValueException(name);
            }
            return v;
        }

        /** Evaluates a named condition of the {@code Conditions} section. */
        public boolean condition(String name) {
            if (!conditions.containsKey(name)) {
                throw new UnresolvableException("no condition " + name);
            }
            return truth(resolve(conditions.get(name)), name);
        }

        private Object ref(String target) {
            if (target.startsWith("AWS::")) {
                if (target.equals("AWS::NoValue")) {
                    return NO_VALUE;
                }
                if (!pseudoParameters.containsKey(target)) {
                    throw new UnresolvableException("no value for pseudo parameter " + target);
                }
                return pseudoParameters.get(target);
            }
            if (parameters.containsKey(target)) {
                return parameter(target);
            }
            Resource r = resources.get(target);
            if (r != null) {
                return values.ref(r);
            }
            // SAM's "!Ref Function.Alias" / "!Ref Function.Version" (AutoPublishAlias)
            int dot = target.indexOf('.');
            if (dot > 0 && resources.containsKey(target.substring(0, dot))) {
                return values.getAtt(resources.get(target.substring(0, dot)), "Ref." + target.substring(dot + 1));
            }
            throw new UnresolvableException("!Ref " + target + ": no such parameter or resource");
        }

        private Object getAtt(String resource, String attribute) {
            Resource r = resources.get(resource);
            if (r == null) {
                throw new UnresolvableException("!GetAtt " + resource + "." + attribute + ": no such resource");
            }
            return values.getAtt(r, attribute);
        }

        private Object resolveIntrinsic(Intrinsic intrinsic) {
            if (intrinsic instanceof Ref ref) {
                return ref(ref.target());
            }
            if (intrinsic instanceof GetAtt getAtt) {
                return getAtt(getAtt.resource(), getAtt.attribute());
            }
            if (intrinsic instanceof Sub sub) {
                return substitute(sub);
            }
            if (intrinsic instanceof Join join) {
                Object items = resolve(join.values());
                if (!(items instanceof List<?> list)) {
                    throw new UnresolvableException("!Join needs a list, got " + items);
                }
                return list.stream().map(String::valueOf).collect(Collectors.joining(join.delimiter()));
            }
            if (intrinsic instanceof If anIf) {
                return resolve(condition(anIf.condition()) ? anIf.whenTrue() : anIf.whenFalse());
            }
            return resolveFn((Fn) intrinsic);
        }

        private String substitute(Sub sub) {
            Map<String, Object> variables = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : sub.variables().entrySet()) {
                variables.put(e.getKey(), resolve(e.getValue()));
            }
            Matcher m = SUB_PLACEHOLDER.matcher(sub.template());
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String replacement;
                if (name.startsWith("!")) {
                    replacement = "${" + name.substring(1) + "}";
                } else {
                    name = name.trim();
                    Object v;
                    if (variables.containsKey(name)) {
                        v = variables.get(name);
                    } else if (name.contains(".") && !name.startsWith("AWS::")) {
                        int dot = name.indexOf('.');
                        v = getAtt(name.substring(0, dot), name.substring(dot + 1));
                    } else {
                        v = ref(name);
                    }
                    if (v == null || v == NO_VALUE) {
                        throw new UnresolvableException("${" + name + "} in !Sub has no value");
                    }
                    replacement = String.valueOf(v);
                }
                m.appendReplacement(out, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(out);
            return out.toString();
        }

        private Object resolveFn(Fn fn) {
            switch (fn.name()) {
                case "Fn::Equals": {
                    List<?> args = list(resolve(fn.argument()), fn);
                    return String.valueOf(args.get(0)).equals(String.valueOf(args.get(1)));
                }
                case "Fn::Not":
                    return !truth(list(resolve(fn.argument()), fn).get(0), fn.name());
                case "Fn::And":
                    return list(resolve(fn.argument()), fn).stream().allMatch(v -> truth(v, fn.name()));
                case "Fn::Or":
                    return list(resolve(fn.argument()), fn).stream().anyMatch(v -> truth(v, fn.name()));
                case "Condition":
                    return condition(String.valueOf(resolve(fn.argument())));
                case "Fn::Select": {
                    List<?> args = list(resolve(fn.argument()), fn);
                    int index = Integer.parseInt(String.valueOf(args.get(0)));
                    return list(args.get(1), fn).get(index);
                }
                case "Fn::Split": {
                    List<?> args = list(resolve(fn.argument()), fn);
                    return List.of(String.valueOf(args.get(1)).split(Pattern.quote(String.valueOf(args.get(0))), -1));
                }
                case "Fn::FindInMap": {
                    List<?> args = list(resolve(fn.argument()), fn);
                    Object value = map(map(map(document.get("Mappings")).get(String.valueOf(args.get(0))))
                            .get(String.valueOf(args.get(1)))).get(String.valueOf(args.get(2)));
                    if (value == null) {
                        throw new UnresolvableException("!FindInMap " + args + ": no such entry");
                    }
                    return resolve(value);
                }
                case "Fn::Base64":
                    return java.util.Base64.getEncoder().encodeToString(
                            String.valueOf(resolve(fn.argument())).getBytes(StandardCharsets.UTF_8));
                case "Fn::ToJsonString":
                    try {
                        return new ObjectMapper().writeValueAsString(resolve(fn.argument()));
                    } catch (JsonProcessingException e) {
                        throw new UnresolvableException("Fn::ToJsonString: " + e.getMessage());
                    }
                default:
                    throw new UnresolvableException(fn.name() + " is not supported by the local resolver");
            }
        }

        private List<?> list(Object value, Fn fn) {
            if (value instanceof List<?> l) {
                return l;
            }
            throw new UnresolvableException(fn.name() + " needs a list argument, got " + value);
        }

        private boolean truth(Object value, String where) {
            if (value instanceof Boolean b) {
                return b;
            }
            if ("true".equalsIgnoreCase(String.valueOf(value)) || "false".equalsIgnoreCase(String.valueOf(value))) {
                return Boolean.parseBoolean(String.valueOf(value));
            }
            throw new UnresolvableException(where + ": not a boolean: " + value);
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // Reading the sections
    // ------------------------------------------------------------------------------------------------------

    private static Map<String, Parameter> readParameters(Map<String, Object> section) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        section.forEach((name, raw) -> {
            Map<String, Object> p = map(raw);
            List<String> allowed = p.get("AllowedValues") instanceof List<?> l
                    ? l.stream().map(String::valueOf).toList() : List.of();
            Object def = p.get("Default");
            out.put(name, new Parameter(name, string(p.get("Type")), def == null ? null : String.valueOf(def),
                    allowed));
        });
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Resource> readResources(Map<String, Object> section) {
        Map<String, Resource> out = new LinkedHashMap<>();
        section.forEach((id, raw) -> {
            Map<String, Object> r = map(raw);
            Object type = r.get("Type");
            if (!(type instanceof String)) {
                throw new IllegalArgumentException("resource " + id + " has no Type");
            }
            Map<String, Object> attributes = new LinkedHashMap<>(r);
            attributes.remove("Type");
            attributes.remove("Properties");
            out.put(id, new Resource(id, (String) type, map(r.get("Properties")), attributes));
        });
        return Collections.unmodifiableMap(out);
    }

    private Function readFunction(Resource r) {
        Map<String, Object> props = mergeGlobals(globalsFunction, r.properties());
        Map<String, Object> env = map(map(props.get("Environment")).get("Variables"));
        List<Event> events = new ArrayList<>();
        List<HttpApiEvent> http = new ArrayList<>();
        List<ScheduleEvent> schedules = new ArrayList<>();
        List<SqsEvent> sqs = new ArrayList<>();
        map(props.get("Events")).forEach((name, raw) -> {
            Map<String, Object> ev = map(raw);
            String type = string(ev.get("Type"));
            Map<String, Object> p = map(ev.get("Properties"));
            events.add(new Event(name, type, p));
            switch (type == null ? "" : type) {
                case "HttpApi" -> http.add(readHttpApiEvent(r.logicalId(), name, p));
                case "Schedule", "ScheduleV2" -> schedules.add(readScheduleEvent(r.logicalId(), name, type, p));
                case "SQS" -> sqs.add(new SqsEvent(r.logicalId(), name, logicalIdOf(p.get("Queue")),
                        p.get("BatchSize") instanceof Number n ? n.intValue() : null,
                        list(p.get("FunctionResponseTypes")).contains("ReportBatchItemFailures")));
                default -> {
                }
            }
        });
        return new Function(r.logicalId(), string(props.get("CodeUri")), string(props.get("Handler")),
                string(props.get("Runtime")), Collections.unmodifiableMap(env), List.copyOf(http),
                List.copyOf(schedules), List.copyOf(sqs), List.copyOf(events), readPolicies(props.get("Policies")),
                Collections.unmodifiableMap(props));
    }

    private HttpApiEvent readHttpApiEvent(String function, String name, Map<String, Object> p) {
        String apiId = p.containsKey("ApiId") ? logicalIdOf(p.get("ApiId")) : "ServerlessHttpApi";
        String authorizer;
        Map<String, Object> auth = map(p.get("Auth"));
        if (auth.containsKey("Authorizer")) {
            authorizer = string(auth.get("Authorizer"));
        } else {
            Resource api = apiId == null ? null : resources.get(apiId);
            authorizer = api == null ? null : string(map(api.properties().get("Auth")).get("DefaultAuthorizer"));
        }
        if ("NONE".equals(authorizer)) {
            authorizer = null;
        }
        String method = string(p.get("Method"));
        return new HttpApiEvent(function, name, apiId, method == null ? "ANY" : method.toUpperCase(Locale.ROOT),
                string(p.get("Path")), authorizer);
    }

    private static ScheduleEvent readScheduleEvent(String function, String name, String type,
                                                   Map<String, Object> p) {
        Map<String, Object> window = map(p.get("FlexibleTimeWindow"));
        Object mode = window.get("Mode");
        if (Boolean.FALSE.equals(mode)) {
            mode = "OFF"; // an unquoted OFF reads as a YAML 1.1 boolean
        }
        boolean enabled = !"DISABLED".equals(p.get("State")) && !Boolean.FALSE.equals(p.get("Enabled"));
        return new ScheduleEvent(function, name, type, string(p.get("ScheduleExpression") != null
                ? p.get("ScheduleExpression") : p.get("Schedule")), string(p.get("ScheduleExpressionTimezone")),
                mode == null ? null : String.valueOf(mode),
                window.get("MaximumWindowInMinutes") instanceof Number n ? n.intValue() : null,
                p.get("Input"), enabled);
    }

    private static List<Policy> readPolicies(Object raw) {
        List<Policy> out = new ArrayList<>();
        if (raw == null) {
            return List.of();
        }
        List<?> entries = raw instanceof List<?> l ? l : List.of(raw);
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> m) {
                if (m.containsKey("Statement")) {
                    out.add(new Policy("Statement", m));
                } else {
                    m.forEach((k, v) -> out.add(new Policy(String.valueOf(k), v)));
                }
            } else {
                out.add(new Policy(String.valueOf(entry), null));
            }
        }
        return List.copyOf(out);
    }

    private static Table readTable(Resource r) {
        Map<String, Object> p = r.properties();
        Map<String, String> types = new LinkedHashMap<>();
        for (Object a : list(p.get("AttributeDefinitions"))) {
            Map<String, Object> def = map(a);
            types.put(string(def.get("AttributeName")), string(def.get("AttributeType")));
        }
        Map<String, Object> ttl = map(p.get("TimeToLiveSpecification"));
        String ttlAttribute = Boolean.TRUE.equals(ttl.get("Enabled")) || "true".equals(String.valueOf(ttl.get("Enabled")))
                ? string(ttl.get("AttributeName")) : null;
        return new Table(r.logicalId(), readKey(p.get("KeySchema"), r.logicalId()), Collections.unmodifiableMap(types),
                readIndexes(p.get("GlobalSecondaryIndexes"), r.logicalId()),
                readIndexes(p.get("LocalSecondaryIndexes"), r.logicalId()),
                p.get("BillingMode") == null ? "PROVISIONED" : string(p.get("BillingMode")), ttlAttribute,
                p.get("TableName"), p);
    }

    private static Key readKey(Object keySchema, String owner) {
        String hash = null;
        String range = null;
        for (Object k : list(keySchema)) {
            Map<String, Object> e = map(k);
            if ("HASH".equals(e.get("KeyType"))) {
                hash = string(e.get("AttributeName"));
            } else if ("RANGE".equals(e.get("KeyType"))) {
                range = string(e.get("AttributeName"));
            }
        }
        if (hash == null) {
            throw new IllegalArgumentException(owner + ": KeySchema has no HASH key");
        }
        return new Key(hash, range);
    }

    private static List<Index> readIndexes(Object raw, String table) {
        List<Index> out = new ArrayList<>();
        for (Object i : list(raw)) {
            Map<String, Object> index = map(i);
            String name = string(index.get("IndexName"));
            Map<String, Object> projection = map(index.get("Projection"));
            out.add(new Index(name, readKey(index.get("KeySchema"), table + "." + name),
                    projection.get("ProjectionType") == null ? "ALL" : string(projection.get("ProjectionType")),
                    list(projection.get("NonKeyAttributes")).stream().map(String::valueOf).toList()));
        }
        return List.copyOf(out);
    }

    private static Queue readQueue(Resource r) {
        Map<String, Object> p = r.properties();
        Object redrive = p.get("RedrivePolicy");
        String dlq = null;
        Integer maxReceive = null;
        if (redrive instanceof Map<?, ?> m) {
            dlq = logicalIdOf(m.get("deadLetterTargetArn"));
            Object count = m.get("maxReceiveCount");
            maxReceive = count == null ? null : Integer.valueOf(String.valueOf(count));
        }
        boolean fifo = Boolean.TRUE.equals(p.get("FifoQueue")) || "true".equals(String.valueOf(p.get("FifoQueue")));
        return new Queue(r.logicalId(), fifo, dlq, maxReceive, p);
    }

    private StateMachine readStateMachine(Resource r) {
        Map<String, Object> p = r.properties();
        Path file = null;
        Object uri = p.get("DefinitionUri");
        if (uri instanceof String s) {
            Path base = path == null ? Path.of("") : path.getParent();
            file = base.resolve(s).normalize();
        } else if (uri != null) {
            throw new IllegalArgumentException(r.logicalId() + ": DefinitionUri must be a relative file path "
                    + "(statemachines/<name>.asl.json), not " + uri);
        }
        String type = p.get("Type") == null ? "STANDARD" : string(p.get("Type"));
        List<Event> events = new ArrayList<>();
        map(p.get("Events")).forEach((name, raw) -> {
            Map<String, Object> ev = map(raw);
            events.add(new Event(name, string(ev.get("Type")), map(ev.get("Properties"))));
        });
        return new StateMachine(r.logicalId(), type, file, p.get("Definition"),
                Collections.unmodifiableMap(map(p.get("DefinitionSubstitutions"))), readPolicies(p.get("Policies")),
                List.copyOf(events), p);
    }

    private static LogGroup readLogGroup(Resource r) {
        Object name = r.properties().get("LogGroupName");
        String function = null;
        if (name instanceof Sub sub && sub.variables().isEmpty()) {
            Matcher m = LAMBDA_LOG_GROUP.matcher(sub.template());
            if (m.matches()) {
                function = m.group(1);
            }
        }
        return new LogGroup(r.logicalId(), name, r.properties().get("RetentionInDays"), function);
    }

    /**
     * SAM's Globals merge: maps merge key by key (recursively), lists are appended (globals first), any other
     * value in the resource replaces the global one.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergeGlobals(Map<String, Object> globals, Map<String, Object> own) {
        Map<String, Object> out = new LinkedHashMap<>(globals);
        own.forEach((k, v) -> {
            Object g = out.get(k);
            if (g instanceof Map<?, ?> gm && v instanceof Map<?, ?> vm) {
                out.put(k, mergeGlobals((Map<String, Object>) gm, (Map<String, Object>) vm));
            } else if (g instanceof List<?> gl && v instanceof List<?> vl) {
                List<Object> joined = new ArrayList<>(gl);
                joined.addAll(vl);
                out.put(k, joined);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    // ------------------------------------------------------------------------------------------------------
    // Helpers
    // ------------------------------------------------------------------------------------------------------

    /** The logical id named by {@code !Ref X}, {@code !GetAtt X.attr} or {@code !Sub "${X...}"}; else null. */
    static String logicalIdOf(Object value) {
        if (value instanceof Ref ref) {
            return ref.target();
        }
        if (value instanceof GetAtt getAtt) {
            return getAtt.resource();
        }
        return null;
    }

    private static void collectReferences(Object value, Set<String> ids) {
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collectReferences(v, ids));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collectReferences(v, ids));
        } else if (value instanceof Ref ref) {
            ids.add(ref.target());
        } else if (value instanceof GetAtt getAtt) {
            ids.add(getAtt.resource());
        } else if (value instanceof Sub sub) {
            for (String name : sub.placeholders()) {
                if (!sub.variables().containsKey(name)) {
                    ids.add(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
                }
            }
            collectReferences(sub.variables(), ids);
        } else if (value instanceof Join join) {
            collectReferences(join.values(), ids);
        } else if (value instanceof If anIf) {
            collectReferences(anIf.whenTrue(), ids);
            collectReferences(anIf.whenFalse(), ids);
        } else if (value instanceof Fn fn) {
            collectReferences(fn.argument(), ids);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    private static String string(Object value) {
        return value == null ? null : value instanceof String s ? s : String.valueOf(value);
    }

    /** Turns long-form intrinsics ({@code {"Fn::GetAtt": [...]}}) into {@link Intrinsic}s, keys into strings. */
    private static Object normalize(Object value) {
        if (value instanceof Map<?, ?> m) {
            if (m.size() == 1) {
                Map.Entry<?, ?> only = m.entrySet().iterator().next();
                String key = String.valueOf(only.getKey());
                if (key.equals("Ref") || key.equals("Condition") && !(only.getValue() instanceof Map)
                        || key.startsWith("Fn::")) {
                    return intrinsic(key, normalize(only.getValue()));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(v -> out.add(normalize(v)));
            return out;
        }
        if (value instanceof Sub sub) {
            @SuppressWarnings("unchecked")
            Map<String, Object> vars = (Map<String, Object>) normalize(sub.variables());
            return new Sub(sub.template(), vars);
        }
        if (value instanceof Join join) {
            return new Join(join.delimiter(), normalize(join.values()));
        }
        if (value instanceof If anIf) {
            return new If(anIf.condition(), normalize(anIf.whenTrue()), normalize(anIf.whenFalse()));
        }
        if (value instanceof Fn fn) {
            return new Fn(fn.name(), normalize(fn.argument()));
        }
        return value;
    }

    /** Builds the {@link Intrinsic} for {@code Ref}, {@code Condition} or {@code Fn::<name>} and its argument. */
    private static Object intrinsic(String name, Object argument) {
        switch (name) {
            case "Ref":
                return new Ref(String.valueOf(argument));
            case "Fn::GetAtt": {
                if (argument instanceof List<?> l && l.size() == 2) {
                    return new GetAtt(String.valueOf(l.get(0)), String.valueOf(l.get(1)));
                }
                String s = String.valueOf(argument);
                int dot = s.indexOf('.');
                if (dot <= 0) {
                    throw new IllegalArgumentException("!GetAtt needs Resource.Attribute, got " + argument);
                }
                return new GetAtt(s.substring(0, dot), s.substring(dot + 1));
            }
            case "Fn::Sub": {
                if (argument instanceof String s) {
                    return new Sub(s, Map.of());
                }
                if (argument instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String s) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> vars = l.get(1) instanceof Map<?, ?> m
                            ? Collections.unmodifiableMap(new LinkedHashMap<>((Map<String, Object>) m)) : Map.of();
                    return new Sub(s, vars);
                }
                throw new IllegalArgumentException("!Sub needs a string or [string, map], got " + argument);
            }
            case "Fn::Join": {
                if (argument instanceof List<?> l && l.size() == 2) {
                    return new Join(String.valueOf(l.get(0)), l.get(1));
                }
                throw new IllegalArgumentException("!Join needs [delimiter, values], got " + argument);
            }
            case "Fn::If": {
                if (argument instanceof List<?> l && l.size() == 3) {
                    return new If(String.valueOf(l.get(0)), l.get(1), l.get(2));
                }
                throw new IllegalArgumentException("!If needs [condition, whenTrue, whenFalse], got " + argument);
            }
            default:
                return new Fn(name, argument);
        }
    }

    /** snakeyaml constructor for CloudFormation's short-form tags; timestamps stay strings as in CloudFormation. */
    private static final class CfnConstructor extends SafeConstructor {
        private static final String[] FUNCTIONS = {"Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs",
            "ImportValue", "Join", "Select", "Split", "Sub", "Transform", "And", "Equals", "If", "Not", "Or",
            "Length", "ToJsonString"};

        CfnConstructor(LoaderOptions options) {
            super(options);
            yamlConstructors.put(Tag.TIMESTAMP, new ConstructYamlStr());
            yamlConstructors.put(new Tag("!Ref"), new ConstructIntrinsic("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new ConstructIntrinsic("Condition"));
            for (String f : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + f), new ConstructIntrinsic("Fn::" + f));
            }
        }

        private final class ConstructIntrinsic extends AbstractConstruct {
            private final String name;

            ConstructIntrinsic(String name) {
                this.name = name;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    argument = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    argument = new ArrayList<>(constructSequence(sequence));
                } else {
                    argument = new LinkedHashMap<>(constructMapping((MappingNode) node));
                }
                return intrinsic(name, argument);
            }
        }
    }
}
