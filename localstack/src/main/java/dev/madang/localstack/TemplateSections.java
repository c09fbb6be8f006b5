package dev.madang.localstack;

import dev.madang.localstack.SamTemplate.Event;
import dev.madang.localstack.SamTemplate.Fn;
import dev.madang.localstack.SamTemplate.Function;
import dev.madang.localstack.SamTemplate.GetAtt;
import dev.madang.localstack.SamTemplate.HttpApiEvent;
import dev.madang.localstack.SamTemplate.If;
import dev.madang.localstack.SamTemplate.Index;
import dev.madang.localstack.SamTemplate.Join;
import dev.madang.localstack.SamTemplate.Key;
import dev.madang.localstack.SamTemplate.LogGroup;
import dev.madang.localstack.SamTemplate.Parameter;
import dev.madang.localstack.SamTemplate.Policy;
import dev.madang.localstack.SamTemplate.Queue;
import dev.madang.localstack.SamTemplate.Ref;
import dev.madang.localstack.SamTemplate.Resource;
import dev.madang.localstack.SamTemplate.Schedule;
import dev.madang.localstack.SamTemplate.ScheduleEvent;
import dev.madang.localstack.SamTemplate.SqsEvent;
import dev.madang.localstack.SamTemplate.StateMachine;
import dev.madang.localstack.SamTemplate.Sub;
import dev.madang.localstack.SamTemplate.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the sections of a parsed template document (parameters, resources, and per resource type the functions
 * with their events and policies, tables, queues, state machines, log groups) into {@link SamTemplate}'s records.
 * Separate from the model so that {@link SamTemplate} shows what a template holds, and this how it is read.
 */
final class TemplateSections {

    private static final Pattern LAMBDA_LOG_GROUP = Pattern.compile("/aws/lambda/\\$\\{([A-Za-z0-9]+)}");

    private TemplateSections() {
    }

    static Map<String, Parameter> readParameters(Map<String, Object> section) {
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

    static Map<String, Resource> readResources(Map<String, Object> section) {
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

    static Function readFunction(Resource r, Map<String, Object> globalsFunction, Map<String, Resource> resources) {
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
                case "HttpApi" -> http.add(readHttpApiEvent(r.logicalId(), name, p, resources));
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

    static HttpApiEvent readHttpApiEvent(String function, String name, Map<String, Object> p,
                                         Map<String, Resource> resources) {
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

    static ScheduleEvent readScheduleEvent(String function, String name, String type,
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

    /** Properties of a {@code ScheduleV2} event that SAM copies to the schedule as they are. */
    private static final List<String> SCHEDULE_V2_COPIED = List.of("ScheduleExpression", "ScheduleExpressionTimezone",
            "FlexibleTimeWindow", "State", "Description", "StartDate", "EndDate", "GroupName", "KmsKeyArn", "Name");
    /** Properties of a {@code ScheduleV2} event that SAM puts in the schedule's {@code Target}. */
    private static final List<String> SCHEDULE_V2_TARGET = List.of("RoleArn", "Input", "RetryPolicy",
            "DeadLetterConfig");

    /**
     * The {@code AWS::Scheduler::Schedule} resources, then every {@code ScheduleV2} event as SAM transforms it: a
     * schedule {@code <Function><Event>} targeting {@code !Ref <Function>.Alias} when the function has an
     * {@code AutoPublishAlias}, else {@code !GetAtt <Function>.Arn}.
     */
    static List<Schedule> readSchedules(Map<String, Resource> resources, List<Function> functions) {
        List<Schedule> out = new ArrayList<>();
        for (Resource r : resources.values()) {
            if (r.type().equals(SamTemplate.SCHEDULE)) {
                Object arn = map(r.properties().get("Target")).get("Arn");
                String target = logicalIdOf(arn);
                Resource targeted = target == null ? null : resources.get(target);
                String function = targeted != null && (targeted.type().equals(SamTemplate.FUNCTION)
                        || targeted.type().equals("AWS::Lambda::Function")) ? target : null;
                out.add(new Schedule(r.logicalId(), function, null, r.properties()));
            }
        }
        for (Function f : functions) {
            for (Event e : f.events()) {
                if (!"ScheduleV2".equals(e.type())) {
                    continue;
                }
                Map<String, Object> props = new LinkedHashMap<>();
                for (String name : SCHEDULE_V2_COPIED) {
                    if (e.properties().containsKey(name)) {
                        props.put(name, e.properties().get(name));
                    }
                }
                Map<String, Object> target = new LinkedHashMap<>();
                // SAM binds the event sources of a function with AutoPublishAlias to the alias, not to $LATEST
                target.put("Arn", f.properties().get("AutoPublishAlias") != null
                        ? new Ref(f.logicalId() + ".Alias") : new GetAtt(f.logicalId(), "Arn"));
                for (String name : SCHEDULE_V2_TARGET) {
                    if (e.properties().containsKey(name)) {
                        target.put(name, e.properties().get(name));
                    }
                }
                props.put("Target", Collections.unmodifiableMap(target));
                out.add(new Schedule(f.logicalId() + e.name(), f.logicalId(), e.name(),
                        Collections.unmodifiableMap(props)));
            }
        }
        return List.copyOf(out);
    }

    static List<Policy> readPolicies(Object raw) {
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

    static Table readTable(Resource r) {
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

    static Key readKey(Object keySchema, String owner) {
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

    static List<Index> readIndexes(Object raw, String table) {
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

    static Queue readQueue(Resource r) {
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

    static StateMachine readStateMachine(Resource r, Path path) {
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

    static LogGroup readLogGroup(Resource r) {
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

    /** The logical id named by {@code !Ref X}, {@code !GetAtt X.attr} or {@code !Sub "${X...}"}; else null. */
    static String logicalIdOf(Object value) {
        if (value instanceof Ref ref) {
            return resourceOf(ref);
        }
        if (value instanceof GetAtt getAtt) {
            return getAtt.resource();
        }
        return null;
    }

    /** The logical id a {@code !Ref} names: SAM's {@code !Ref Function.Alias} names {@code Function}. */
    private static String resourceOf(Ref ref) {
        String target = ref.target();
        int dot = target.indexOf('.');
        return dot > 0 && !target.startsWith("AWS::") ? target.substring(0, dot) : target;
    }

    static void collectReferences(Object value, Set<String> ids) {
        if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> collectReferences(v, ids));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> collectReferences(v, ids));
        } else if (value instanceof Ref ref) {
            ids.add(resourceOf(ref));
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
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }

    static String string(Object value) {
        return value == null ? null : value instanceof String s ? s : String.valueOf(value);
    }
}
