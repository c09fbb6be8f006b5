package dev.madang.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.madang.localstack.SamTemplate.Fn;
import dev.madang.localstack.SamTemplate.GetAtt;
import dev.madang.localstack.SamTemplate.If;
import dev.madang.localstack.SamTemplate.Intrinsic;
import dev.madang.localstack.SamTemplate.Join;
import dev.madang.localstack.SamTemplate.MissingParameterValueException;
import dev.madang.localstack.SamTemplate.Parameter;
import dev.madang.localstack.SamTemplate.Ref;
import dev.madang.localstack.SamTemplate.Resource;
import dev.madang.localstack.SamTemplate.ResourceValues;
import dev.madang.localstack.SamTemplate.Sub;
import dev.madang.localstack.SamTemplate.UnresolvableException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static dev.madang.localstack.SamTemplate.NO_VALUE;
import static dev.madang.localstack.SamTemplate.SUB_PLACEHOLDER;
import static dev.madang.localstack.TemplateSections.map;

/**
 * The {@link SamTemplate.Resolver} of one template: evaluates CloudFormation intrinsics ({@code !Ref},
 * {@code !GetAtt}, {@code !Sub}, {@code !Join}, {@code !If}, conditions, {@code Fn::*}) against parameter values,
 * pseudo parameters and the physical values of resources. Kept apart from the template model because it is
 * the one part that needs outside values; the model only describes what the template says.
 */
final class IntrinsicResolver implements SamTemplate.Resolver {
    private final Map<String, Parameter> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Resource> resources;
    private final Map<String, Object> document;
    private final Map<String, String> parameterValues;
    private final Map<String, ?> pseudoParameters;
    private final ResourceValues values;

    IntrinsicResolver(SamTemplate template, Map<String, String> parameterValues, Map<String, ?> pseudoParameters,
                      ResourceValues values) {
        this.parameters = template.parameters();
        this.conditions = template.conditions();
        this.resources = template.resources();
        this.document = template.document();
        this.parameterValues = Map.copyOf(parameterValues);
        this.pseudoParameters = Map.copyOf(pseudoParameters);
        this.values = Objects.requireNonNull(values, "values");
    }

    @Override
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

    @Override
    public String resolveString(Object value) {
        Object resolved = resolve(value);
        if (resolved == null || resolved == NO_VALUE || resolved instanceof Map || resolved instanceof List) {
            throw new UnresolvableException("expected a string value but got " + resolved + " from " + value);
        }
        return String.valueOf(resolved);
    }

    @Override
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

    @Override
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
