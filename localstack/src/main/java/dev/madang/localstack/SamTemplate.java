package dev.madang.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.madang.localstack.TemplateSections.map;

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
 * <p>This class is the model and its queries. Reading is split by concern: {@link TemplateYaml} loads the YAML
 * (CloudFormation tags), {@link TemplateSections} reads the sections into these records, and
 * {@link IntrinsicResolver} evaluates intrinsics behind {@link Resolver}.
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
    public static final String SCHEDULE = "AWS::Scheduler::Schedule";
    public static final String BUCKET = "AWS::S3::Bucket";
    public static final String DISTRIBUTION = "AWS::CloudFront::Distribution";

    /** The value of {@code AWS::NoValue}: a map entry or list element resolving to it is dropped. */
    public static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    static final Pattern SUB_PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
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
    private final List<Schedule> schedules;

    private SamTemplate(Path path, Map<String, Object> document) {
        this.path = path;
        this.document = document;
        this.parameters = TemplateSections.readParameters(map(document.get("Parameters")));
        this.resources = TemplateSections.readResources(map(document.get("Resources")));
        this.globalsFunction = map(map(document.get("Globals")).get("Function"));
        this.conditions = map(document.get("Conditions"));
        this.outputs = map(document.get("Outputs"));
        this.functions = resources.values().stream().filter(r -> r.type().equals(FUNCTION))
                .map(r -> TemplateSections.readFunction(r, globalsFunction, resources)).toList();
        this.tables = resources.values().stream().filter(r -> r.type().equals(TABLE))
                .map(TemplateSections::readTable).toList();
        this.queues = resources.values().stream().filter(r -> r.type().equals(QUEUE))
                .map(TemplateSections::readQueue).toList();
        this.stateMachines = resources.values().stream().filter(r -> r.type().equals(STATE_MACHINE))
                .map(r -> TemplateSections.readStateMachine(r, path)).toList();
        this.logGroups = resources.values().stream().filter(r -> r.type().equals(LOG_GROUP))
                .map(TemplateSections::readLogGroup).toList();
        this.schedules = TemplateSections.readSchedules(resources, functions);
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
        Map<String, Object> document = TemplateYaml.read(yaml, path);
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
            TemplateSections.collectReferences(parameters, ids);
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

    /**
     * An EventBridge Scheduler schedule: an {@code AWS::Scheduler::Schedule} resource, or the one SAM makes of a
     * function's {@code ScheduleV2} event (logical id {@code <Function><Event>}, as SAM names it).
     *
     * @param function   the function whose event it is, or whose {@code !GetAtt F.Arn} an explicit schedule
     *                   targets; {@code null} if neither
     * @param event      the event's name for a {@code ScheduleV2} event, else {@code null}
     * @param properties the schedule's properties as {@code AWS::Scheduler::Schedule} has them (intrinsics
     *                   unresolved); for an event, SAM's mapping: {@code Target} is
     *                   {@code {Arn, RoleArn, Input, RetryPolicy, DeadLetterConfig}} from the event's properties
     *                   ({@code Arn} is {@code !Ref <Function>.Alias}, or {@code !GetAtt <Function>.Arn} for a
     *                   function without {@code AutoPublishAlias}), the rest copied
     */
    public record Schedule(String logicalId, String function, String event, Map<String, Object> properties) {
        /** The {@code Target} map (empty if absent). */
        public Map<String, Object> target() {
            return map(properties.get("Target"));
        }
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

    /** The resources of one type ({@code AWS::S3::Bucket}...), in template order. */
    public List<Resource> resourcesOfType(String type) {
        return resources.values().stream().filter(r -> r.type().equals(type)).toList();
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

    /** Every Scheduler schedule: {@code AWS::Scheduler::Schedule} resources, then functions' ScheduleV2 events. */
    public List<Schedule> schedules() {
        return schedules;
    }

    public Schedule schedule(String logicalId) {
        return schedules.stream().filter(s -> s.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no schedule " + logicalId + " in " + path));
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
        return new IntrinsicResolver(this, parameterValues, pseudoParameters, resources);
    }

    /**
     * Resolves intrinsic functions in values of this template ({@link IntrinsicResolver} does the work; this
     * interface is the face other modules and tests use).
     */
    public interface Resolver {
        /**
         * Resolves every intrinsic inside {@code value} (maps and lists are copied). Entries resolving to
         * {@link SamTemplate#NO_VALUE} are dropped from maps and lists; a top-level {@code NO_VALUE} is returned
         * as is.
         *
         * @throws UnresolvableException if something cannot be resolved
         */
        Object resolve(Object value);

        /** Resolves to a string (numbers and booleans as written); {@code NO_VALUE} and {@code null} fail. */
        String resolveString(Object value);

        /** The value of a parameter: the given value, else its default. */
        String parameter(String name);

        /** Evaluates a named condition of the {@code Conditions} section. */
        boolean condition(String name);
    }
}
