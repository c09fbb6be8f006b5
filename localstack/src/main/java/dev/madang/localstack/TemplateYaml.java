package dev.madang.localstack;

import dev.madang.localstack.SamTemplate.Fn;
import dev.madang.localstack.SamTemplate.GetAtt;
import dev.madang.localstack.SamTemplate.If;
import dev.madang.localstack.SamTemplate.Intrinsic;
import dev.madang.localstack.SamTemplate.Join;
import dev.madang.localstack.SamTemplate.Ref;
import dev.madang.localstack.SamTemplate.Sub;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads CloudFormation YAML: snakeyaml with constructors for the short-form tags ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}...), then long-form intrinsics ({@code {"Fn::GetAtt": [...]}}) normalised to the same
 * {@link Intrinsic} values, so that the model and the resolver see one form only.
 */
final class TemplateYaml {

    private TemplateYaml() {
    }

    /**
     * The template text as a document: maps with string keys, lists, scalars and {@link Intrinsic}s.
     * Duplicate keys are an error, as in CloudFormation. {@code path} only names the source in errors.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> read(String yaml, Path path) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object loaded = new Yaml(new CfnConstructor(options)).load(yaml);
        if (!(loaded instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("not a CloudFormation template (top level is not a mapping): " + path);
        }
        return (Map<String, Object>) normalize(loaded);
    }

    /** Turns long-form intrinsics ({@code {"Fn::GetAtt": [...]}}) into {@link Intrinsic}s, keys into strings. */
    static Object normalize(Object value) {
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
