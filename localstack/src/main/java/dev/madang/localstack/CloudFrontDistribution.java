package dev.madang.localstack;

import dev.madang.localstack.SamTemplate.Resource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.madang.localstack.TemplateSections.list;
import static dev.madang.localstack.TemplateSections.map;
import static dev.madang.localstack.TemplateSections.string;

/**
 * A CloudFront distribution as the {@link CloudFrontStandIn} serves it, read from a template's
 * {@code AWS::CloudFront::Distribution} with intrinsics resolved to local values: origins (S3 buckets by their
 * domain names, custom origins by id), the default and ordered cache behaviors, the cache and origin request
 * policies they name (managed ones by their published ids, the template's own by logical id) and the code of their
 * viewer-request CloudFront Functions. Kept apart from the server: this is the part that knows CloudFormation's
 * shapes, the server the part that speaks HTTP.
 *
 * <p>Settings that would change what a viewer gets and that the stand-in does not implement (Lambda@Edge,
 * viewer-response functions, custom error responses, origin groups, signed URLs, legacy {@code ForwardedValues})
 * are refused when the distribution is read, rather than ignored; settings without a local meaning (TLS, aliases,
 * price class, logging, WAF, geo restrictions, TTLs) are listed in {@link #notApplied()}.
 */
final class CloudFrontDistribution {

    /** Managed cache policies by id (AWS's published settings). */
    static final Map<String, CachePolicy> MANAGED_CACHE_POLICIES = Map.of(
            "658327ea-f89d-4fab-a63d-7e88639e58f6", new CachePolicy("Managed-CachingOptimized", 1, 86_400,
                    31_536_000, true, true, Forwarding.NONE, Forwarding.NONE, Forwarding.NONE),
            "b2884449-e4de-46a7-ac36-70bc7f1ddd6d", new CachePolicy("Managed-CachingOptimizedForUncompressedObjects",
                    1, 86_400, 31_536_000, false, false, Forwarding.NONE, Forwarding.NONE, Forwarding.NONE),
            "4135ea2d-6df8-44a3-9df3-4b5a84be39ad", new CachePolicy("Managed-CachingDisabled", 0, 0, 0, false, false,
                    Forwarding.NONE, Forwarding.NONE, Forwarding.NONE));
    /** Managed origin request policies by id (AWS's published settings). */
    static final Map<String, OriginRequestPolicy> MANAGED_ORIGIN_REQUEST_POLICIES = Map.of(
            "216adef6-5c7f-47e4-b989-5492eafa07d3", new OriginRequestPolicy("Managed-AllViewer",
                    Forwarding.ALL, Forwarding.ALL, Forwarding.ALL),
            "b689b0a8-53d0-40ab-baf2-68738e2966ac", new OriginRequestPolicy("Managed-AllViewerExceptHostHeader",
                    new Forwarding("allExcept", Set.of("host")), Forwarding.ALL, Forwarding.ALL));

    private static final Pattern S3_DOMAIN = Pattern.compile("(.+?)\\.s3(?:[.-][a-z0-9-]+)*\\.amazonaws\\.com\\.?");
    private static final Set<String> DEFAULT_METHODS = Set.of("GET", "HEAD");

    /**
     * An origin.
     *
     * @param bucket the S3 bucket for an S3 origin, else null (a custom origin)
     */
    record Origin(String id, String domainName, String originPath, String bucket, Duration connectTimeout,
                  Duration readTimeout) {
        boolean isS3() {
            return bucket != null;
        }
    }

    /**
     * A cache behavior.
     *
     * @param pathPattern     as written; {@code null} for the default behavior
     * @param viewerRequest   the viewer-request function, or null
     */
    record Behavior(String pathPattern, Pattern matcher, String targetOriginId, Set<String> allowedMethods,
                    boolean compress, CachePolicy cachePolicy, OriginRequestPolicy originRequestPolicy,
                    ViewerFunction viewerRequest) {
        boolean matches(String path) {
            return matcher.matcher(path).matches();
        }
    }

    /** A cache policy: TTLs (seconds), compression, and what goes into the cache key (and so to the origin). */
    record CachePolicy(String name, long minTtl, long defaultTtl, long maxTtl, boolean gzip, boolean brotli,
                       Forwarding headers, Forwarding cookies, Forwarding queryStrings) {
    }

    /** An origin request policy: what else of the viewer's request goes to the origin. */
    record OriginRequestPolicy(String name, Forwarding headers, Forwarding cookies, Forwarding queryStrings) {
        static final OriginRequestPolicy NONE = new OriginRequestPolicy("none", Forwarding.NONE, Forwarding.NONE,
                Forwarding.NONE);
    }

    /**
     * Which headers, cookies or query strings pass: {@code behavior} is CloudFront's ({@code none},
     * {@code whitelist}, {@code allExcept}, {@code all}, {@code allViewer}, {@code allViewerAndWhitelistCloudFront});
     * {@code names} lower case for headers, as written for cookies and query strings.
     */
    record Forwarding(String behavior, Set<String> names) {
        static final Forwarding NONE = new Forwarding("none", Set.of());
        static final Forwarding ALL = new Forwarding("all", Set.of());

        boolean allows(String name) {
            return switch (behavior) {
                case "none" -> false;
                case "whitelist" -> names.contains(name);
                case "allExcept" -> !names.contains(name);
                case "all", "allViewer" -> true;
                case "allViewerAndWhitelistCloudFront" -> true; // the CloudFront-* headers are not made locally
                default -> false;
            };
        }
    }

    /** A CloudFront Function associated with a behavior: its logical id, runtime and code as the template has them. */
    record ViewerFunction(String logicalId, String runtime, String code) {
    }

    private final String logicalId;
    private final String defaultRootObject;
    private final Map<String, Origin> origins;
    private final List<Behavior> orderedBehaviors;
    private final Behavior defaultBehavior;
    private final List<String> notApplied;

    private CloudFrontDistribution(String logicalId, String defaultRootObject, Map<String, Origin> origins,
                                   List<Behavior> orderedBehaviors, Behavior defaultBehavior, List<String> notApplied) {
        this.logicalId = logicalId;
        this.defaultRootObject = defaultRootObject;
        this.origins = origins;
        this.orderedBehaviors = orderedBehaviors;
        this.defaultBehavior = defaultBehavior;
        this.notApplied = notApplied;
    }

    String logicalId() {
        return logicalId;
    }

    /** {@code DefaultRootObject} without a leading slash, or null. */
    String defaultRootObject() {
        return defaultRootObject;
    }

    Map<String, Origin> origins() {
        return origins;
    }

    /** {@code CacheBehaviors} in template order (CloudFront's precedence). */
    List<Behavior> orderedBehaviors() {
        return orderedBehaviors;
    }

    Behavior defaultBehavior() {
        return defaultBehavior;
    }

    /** Settings of the distribution that have no local effect, one line each. */
    List<String> notApplied() {
        return notApplied;
    }

    /** The behavior CloudFront picks for a request path: the first ordered one whose pattern matches, else the default. */
    Behavior behaviorFor(String path) {
        for (Behavior b : orderedBehaviors) {
            if (b.matches(path)) {
                return b;
            }
        }
        return defaultBehavior;
    }

    /**
     * CloudFront's path pattern as a regular expression: case-sensitive, {@code *} any run of characters
     * ({@code /} included), {@code ?} exactly one; the leading {@code /} is optional in the pattern.
     */
    static Pattern pathPattern(String pattern) {
        String p = pattern.startsWith("/") || pattern.equals("*") ? pattern : "/" + pattern;
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : p.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    // ------------------------------------------------------------------------------------------------------
    // Reading
    // ------------------------------------------------------------------------------------------------------

    /**
     * Reads a distribution of a provisioned template.
     *
     * @throws IllegalArgumentException if there is no such distribution, or it uses a feature the stand-in refuses
     */
    static CloudFrontDistribution read(TemplateProvisioner.Provisioned provisioned, String logicalId) {
        SamTemplate template = provisioned.template();
        Resource resource = template.resource(logicalId).orElseThrow(() -> new IllegalArgumentException(
                "no resource " + logicalId + " in " + template.path()));
        if (!resource.type().equals(SamTemplate.DISTRIBUTION)) {
            throw new IllegalArgumentException(logicalId + " is a " + resource.type() + ", not a "
                    + SamTemplate.DISTRIBUTION);
        }
        Map<String, Object> config = map(provisioned.resolver().resolve(resource.properties().get("DistributionConfig")));
        List<String> notApplied = new ArrayList<>();
        for (String refused : List.of("CustomErrorResponses", "OriginGroups", "ContinuousDeploymentPolicyId")) {
            if (present(config.get(refused))) {
                throw unsupported(logicalId, refused);
            }
        }
        for (String ignored : List.of("Aliases", "ViewerCertificate", "PriceClass", "HttpVersion", "IPV6Enabled",
                "Logging", "WebACLId", "Restrictions", "Staging")) {
            if (config.containsKey(ignored)) {
                notApplied.add(logicalId + ": " + ignored + " has no local meaning (plain HTTP on a loopback port)");
            }
        }
        if (Boolean.FALSE.equals(bool(config.get("Enabled"), true))) {
            notApplied.add(logicalId + ": Enabled is false in the template; the stand-in serves it anyway");
        }
        Map<String, Origin> origins = new LinkedHashMap<>();
        for (Object raw : list(config.get("Origins"))) {
            Origin origin = readOrigin(logicalId, map(raw));
            if (origins.put(origin.id(), origin) != null) {
                throw new IllegalArgumentException(logicalId + ": two origins have the id " + origin.id());
            }
        }
        if (origins.isEmpty()) {
            throw new IllegalArgumentException(logicalId + ": the distribution has no Origins");
        }
        List<Behavior> behaviors = new ArrayList<>();
        for (Object raw : list(config.get("CacheBehaviors"))) {
            behaviors.add(readBehavior(provisioned, logicalId, map(raw), false, origins, notApplied));
        }
        Map<String, Object> rawDefault = map(config.get("DefaultCacheBehavior"));
        if (rawDefault.isEmpty()) {
            throw new IllegalArgumentException(logicalId + ": the distribution has no DefaultCacheBehavior");
        }
        Behavior defaultBehavior = readBehavior(provisioned, logicalId, rawDefault, true, origins, notApplied);
        String root = string(config.get("DefaultRootObject"));
        if (root != null && root.startsWith("/")) {
            root = root.substring(1);
        }
        notApplied.add(logicalId + ": no edge cache (every request reaches its origin; conditional requests are "
                + "answered from the origin's ETag and Last-Modified) and no brotli (gzip only)");
        return new CloudFrontDistribution(logicalId, root == null || root.isEmpty() ? null : root, Map.copyOf(origins),
                List.copyOf(behaviors), defaultBehavior, List.copyOf(notApplied));
    }

    private static Origin readOrigin(String distribution, Map<String, Object> o) {
        String id = string(o.get("Id"));
        String domain = string(o.get("DomainName"));
        if (id == null || domain == null) {
            throw new IllegalArgumentException(distribution + ": an origin needs Id and DomainName: " + o);
        }
        String path = string(o.get("OriginPath"));
        path = path == null ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        Duration connect = Duration.ofSeconds(number(o.get("ConnectionTimeout"), 10));
        Map<String, Object> custom = map(o.get("CustomOriginConfig"));
        Duration read = Duration.ofSeconds(number(custom.get("OriginReadTimeout"), 30));
        String bucket = null;
        Matcher s3 = S3_DOMAIN.matcher(domain);
        boolean s3Config = o.containsKey("S3OriginConfig");
        if (s3Config || custom.isEmpty() && s3.matches()) {
            if (!s3.matches()) {
                throw new IllegalArgumentException(distribution + ": origin " + id + " has S3OriginConfig but its "
                        + "DomainName " + domain + " names no S3 bucket");
            }
            bucket = s3.group(1);
        }
        return new Origin(id, domain, path, bucket, connect, read);
    }

    private static Behavior readBehavior(TemplateProvisioner.Provisioned provisioned, String distribution,
                                         Map<String, Object> b, boolean isDefault, Map<String, Origin> origins,
                                         List<String> notApplied) {
        String pattern = isDefault ? null : string(b.get("PathPattern"));
        if (!isDefault && (pattern == null || pattern.isEmpty())) {
            throw new IllegalArgumentException(distribution + ": a cache behavior has no PathPattern");
        }
        String where = distribution + " behavior " + (isDefault ? "(default)" : pattern);
        String target = string(b.get("TargetOriginId"));
        if (!origins.containsKey(target)) {
            throw new IllegalArgumentException(where + ": TargetOriginId " + target + " is not an origin "
                    + origins.keySet());
        }
        if (b.containsKey("ForwardedValues") || b.containsKey("MinTTL") || b.containsKey("DefaultTTL")) {
            throw unsupported(where, "legacy cache settings (ForwardedValues, MinTTL...): use a CachePolicyId");
        }
        for (String refused : List.of("LambdaFunctionAssociations", "TrustedSigners", "TrustedKeyGroups")) {
            if (present(b.get(refused))) {
                throw unsupported(where, refused);
            }
        }
        if (b.containsKey("ResponseHeadersPolicyId")) {
            notApplied.add(where + ": ResponseHeadersPolicyId not applied (response headers policies are not "
                    + "imitated)");
        }
        if (b.containsKey("ViewerProtocolPolicy")) {
            notApplied.add(where + ": ViewerProtocolPolicy " + b.get("ViewerProtocolPolicy") + " not applied "
                    + "(plain HTTP locally)");
        }
        if (present(b.get("FieldLevelEncryptionId"))) {
            throw unsupported(where, "FieldLevelEncryptionId");
        }
        Set<String> methods = new LinkedHashSet<>();
        list(b.get("AllowedMethods")).forEach(m -> methods.add(String.valueOf(m).toUpperCase(Locale.ROOT)));
        if (methods.isEmpty()) {
            methods.addAll(DEFAULT_METHODS);
        }
        String cachePolicyId = string(b.get("CachePolicyId"));
        if (cachePolicyId == null) {
            throw unsupported(where, "a behavior without CachePolicyId (legacy cache settings)");
        }
        CachePolicy cachePolicy = cachePolicy(provisioned, where, cachePolicyId);
        String originRequestPolicyId = string(b.get("OriginRequestPolicyId"));
        OriginRequestPolicy originRequestPolicy = originRequestPolicyId == null ? OriginRequestPolicy.NONE
                : originRequestPolicy(provisioned, where, originRequestPolicyId);
        ViewerFunction viewerRequest = null;
        for (Object raw : list(b.get("FunctionAssociations"))) {
            Map<String, Object> association = map(raw);
            String event = string(association.get("EventType"));
            if (!"viewer-request".equals(event)) {
                throw unsupported(where, "a CloudFront Function on " + event + " (viewer-request only)");
            }
            viewerRequest = function(provisioned, where, string(association.get("FunctionARN")));
        }
        return new Behavior(pattern, pathPattern(isDefault ? "*" : pattern), target, Set.copyOf(methods),
                Boolean.TRUE.equals(bool(b.get("Compress"), false)), cachePolicy, originRequestPolicy, viewerRequest);
    }

    private static CachePolicy cachePolicy(TemplateProvisioner.Provisioned provisioned, String where, String id) {
        CachePolicy managed = MANAGED_CACHE_POLICIES.get(id);
        if (managed != null) {
            return managed;
        }
        Resource r = templateResource(provisioned, where, id, "AWS::CloudFront::CachePolicy",
                "a managed cache policy the stand-in knows " + MANAGED_CACHE_POLICIES.values().stream()
                        .map(CachePolicy::name).toList());
        Map<String, Object> config = map(provisioned.resolver().resolve(r.properties().get("CachePolicyConfig")));
        Map<String, Object> key = map(config.get("ParametersInCacheKeyAndForwardedToOrigin"));
        return new CachePolicy(r.logicalId(), number(config.get("MinTTL"), 0), number(config.get("DefaultTTL"), 86_400),
                number(config.get("MaxTTL"), 31_536_000), Boolean.TRUE.equals(bool(key.get("EnableAcceptEncodingGzip"),
                false)), Boolean.TRUE.equals(bool(key.get("EnableAcceptEncodingBrotli"), false)),
                forwarding(map(key.get("HeadersConfig")), "HeaderBehavior", "Headers", true),
                forwarding(map(key.get("CookiesConfig")), "CookieBehavior", "Cookies", false),
                forwarding(map(key.get("QueryStringsConfig")), "QueryStringBehavior", "QueryStrings", false));
    }

    private static OriginRequestPolicy originRequestPolicy(TemplateProvisioner.Provisioned provisioned, String where,
                                                           String id) {
        OriginRequestPolicy managed = MANAGED_ORIGIN_REQUEST_POLICIES.get(id);
        if (managed != null) {
            return managed;
        }
        Resource r = templateResource(provisioned, where, id, "AWS::CloudFront::OriginRequestPolicy",
                "a managed origin request policy the stand-in knows " + MANAGED_ORIGIN_REQUEST_POLICIES.values()
                        .stream().map(OriginRequestPolicy::name).toList());
        Map<String, Object> config = map(provisioned.resolver().resolve(
                r.properties().get("OriginRequestPolicyConfig")));
        return new OriginRequestPolicy(r.logicalId(),
                forwarding(map(config.get("HeadersConfig")), "HeaderBehavior", "Headers", true),
                forwarding(map(config.get("CookiesConfig")), "CookieBehavior", "Cookies", false),
                forwarding(map(config.get("QueryStringsConfig")), "QueryStringBehavior", "QueryStrings", false));
    }

    private static ViewerFunction function(TemplateProvisioner.Provisioned provisioned, String where, String arn) {
        String prefix = TemplateProvisioner.cloudFrontFunctionArn("");
        String id = arn != null && arn.startsWith(prefix) ? arn.substring(prefix.length()) : null;
        Resource r = id == null ? null : provisioned.template().resource(id)
                .filter(f -> f.type().equals("AWS::CloudFront::Function")).orElse(null);
        if (r == null) {
            throw new IllegalArgumentException(where + ": FunctionARN " + arn + " is not an AWS::CloudFront::Function "
                    + "of the template (the stand-in runs the template's own FunctionCode)");
        }
        String runtime = string(map(provisioned.resolver().resolve(r.properties().get("FunctionConfig")))
                .get("Runtime"));
        String code = provisioned.resolver().resolveString(r.properties().get("FunctionCode"));
        return new ViewerFunction(r.logicalId(), runtime, code);
    }

    /** The template's resource named by a resolved policy id (locally a policy's id is its logical id). */
    private static Resource templateResource(TemplateProvisioner.Provisioned provisioned, String where, String id,
                                             String type, String orElse) {
        return provisioned.template().resource(id).filter(r -> r.type().equals(type))
                .orElseThrow(() -> new IllegalArgumentException(where + ": " + id + " is neither " + orElse
                        + " nor an " + type + " of the template"));
    }

    private static Forwarding forwarding(Map<String, Object> config, String behaviorKey, String namesKey,
                                         boolean lowerCase) {
        String behavior = string(config.get(behaviorKey));
        if (behavior == null) {
            return Forwarding.NONE;
        }
        Set<String> names = new LinkedHashSet<>();
        for (Object n : list(config.get(namesKey))) {
            names.add(lowerCase ? String.valueOf(n).toLowerCase(Locale.ROOT) : String.valueOf(n));
        }
        return new Forwarding(behavior, Set.copyOf(names));
    }

    private static IllegalArgumentException unsupported(String where, String what) {
        return new IllegalArgumentException(where + ": " + what + " is not supported by the CloudFront stand-in "
                + "(see localstack/README.md); implement it there before using it in the template");
    }

    /** Whether a setting is there at all: not absent, not an empty list, map or string. */
    private static boolean present(Object value) {
        return value != null && !(value instanceof List<?> l && l.isEmpty()) && !(value instanceof Map<?, ?> m
                && m.isEmpty()) && !(value instanceof String s && s.isEmpty());
    }

    private static Boolean bool(Object value, boolean orElse) {
        if (value == null) {
            return orElse;
        }
        return value instanceof Boolean b ? b : Boolean.parseBoolean(String.valueOf(value));
    }

    private static long number(Object value, long orElse) {
        return value == null ? orElse : Long.parseLong(String.valueOf(value));
    }
}
