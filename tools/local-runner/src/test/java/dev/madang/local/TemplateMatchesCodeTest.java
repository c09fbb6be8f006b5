package dev.madang.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.madang.api.catalog.PublicCatalogResource;
import dev.madang.api.support.TouchesTables;
import dev.madang.aws.order.PaymentWorkflowTasks;
import dev.madang.localstack.LocalAws;
import dev.madang.localstack.SamTemplate;
import dev.madang.localstack.SamTemplate.Function;
import dev.madang.localstack.SamTemplate.HttpApiEvent;
import dev.madang.localstack.SamTemplate.Ref;
import dev.madang.localstack.SamTemplate.StateMachine;
import dev.madang.workers.RefreshSeatMapsHandler;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Named;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * template.yaml against the code (docs/architecture.md §2): routes, their auth, worker handlers, the tables each
 * function touches and the state machines' substitutions. Each check is a function from (template, code) to a list
 * of problems; the tests run it on the repository's template and, to show it can fail, on altered copies written to
 * a temporary folder and on a code model with a deliberate extra.
 *
 * <p>What a function touches is read from declared links, not guessed: an api function touches the tables that the
 * methods serving its routes name in {@link TouchesTables} (on the method, else on its class); a workers function touches
 * the tables its handler (QUARKUS_LAMBDA_HANDLER) names in {@link dev.madang.workers.TouchesTables}. Either way the
 * code finds each table through a {@code madang.tables.*=${VAR...}} property of its artifact's
 * {@code application.properties}, so the template must give the function that variable.
 */
class TemplateMatchesCodeTest {

    static final String ADMIN_PREFIX = "/v1/admin";

    /**
     * Routes that touch fewer tables than their {@link TouchesTables} says, with the reason. Empty now that the
     * annotation can sit on each method; the mechanism stays for a resource method that cannot be annotated.
     */
    static final Map<String, Set<String>> ROUTES_TOUCHING_FEWER_TABLES = Map.of();

    static SamTemplate template;
    static Code code;

    @BeforeAll
    static void read() {
        template = SamTemplate.load(LocalAws.templatePath());
        code = Code.scan();
    }

    // ------------------------------------------------------------------------------------------------------
    // The repository's template against the code
    // ------------------------------------------------------------------------------------------------------

    @Test
    void the_scan_finds_the_code_it_compares() {
        // guards every other test against passing because a scan found nothing
        assertThat(code.resourceMethods()).extracting(ResourceMethod::name)
                .contains("PublicCatalogResource.time", "AdminCatalogResource.replaceLayout",
                        "AdminCatalogResource.importLayout");
        assertThat(code.workerHandlers()).containsEntry("refreshSeatMaps", RefreshSeatMapsHandler.class);
        assertThat(code.tableVariables().get(LocalAws.API_CODE_URI))
                .containsEntry("madang.tables.catalog", "CATALOG_TABLE")
                .containsEntry("madang.tables.seats", "SEATS_TABLE");
        assertThat(code.tableVariables().get(LocalAws.WORKERS_CODE_URI))
                .containsEntry("madang.tables.catalog", "CATALOG_TABLE")
                .containsEntry("madang.tables.seats", "SEATS_TABLE");
        assertThat(template.httpApiEvents()).isNotEmpty();
    }

    @Test
    void every_route_has_a_resource_method_and_every_resource_method_a_route() {
        assertThat(routeProblems(template, code)).isEmpty();
        // the layout's JSON and CSV methods share one route
        assertThat(code.resourceMethods()).filteredOn(m -> m.routeKey().equals("PUT /v1/admin/venues/{venueId}/layout"))
                .hasSize(2);
    }

    @Test
    void admin_routes_need_the_jwt_authorizer_and_a_role_and_public_ones_neither() {
        assertThat(authProblems(template, code)).isEmpty();
    }

    @Test
    void every_worker_function_runs_a_named_handler_and_every_handler_has_a_function() {
        assertThat(handlerProblems(template, code)).isEmpty();
    }

    /**
     * The payment functions share one handler and name their task in MADANG_PAYMENT_TASK: each task must be run by
     * exactly the function the state machine invokes for it (its logical id), and by no other.
     */
    @Test
    void every_payment_task_runs_in_its_own_function() {
        Map<String, String> taskOfFunction = new TreeMap<>();
        for (Function f : template.functions()) {
            if (f.quarkusLambdaHandler().filter("paymentTask"::equals).isPresent()) {
                taskOfFunction.put(f.logicalId(), String.valueOf(f.environment().get("MADANG_PAYMENT_TASK")));
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (PaymentWorkflowTasks.Task task : PaymentWorkflowTasks.Task.values()) {
            expected.put(task.functionId(), task.taskName());
        }
        assertThat(taskOfFunction).isEqualTo(expected);
    }

    @Test
    void every_function_has_a_policy_for_each_table_it_touches_and_for_no_other() {
        assertThat(tableProblems(template, code)).isEmpty();
    }

    @Test
    void every_state_machine_placeholder_is_substituted_and_every_definition_file_used() {
        // the template declares no state machine yet: this holds over whatever it declares, and the negative test
        // below shows the same check failing on one
        assertThat(stateMachineProblems(template)).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------------
    // The same checks on deliberately broken copies: each must notice
    // ------------------------------------------------------------------------------------------------------

    @Test
    void a_route_moved_or_added_in_the_template_is_caught(@TempDir java.nio.file.Path dir) {
        SamTemplate broken = altered(dir,
                replaceOnce("(Path: /v1/time\\n +Method: )GET", "$1POST"),
                addResources("""
                          ProbeFunction:
                            Type: AWS::Serverless::Function
                            Properties:
                              CodeUri: functions/api/target/function.zip
                              Handler: io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest
                              Events:
                                SamePathOtherName:
                                  Type: HttpApi
                                  Properties:
                                    ApiId: !Ref HttpApi
                                    Path: /v1/rounds/{id}
                                    Method: GET
                                Prices:
                                  Type: HttpApi
                                  Properties:
                                    ApiId: !Ref HttpApi
                                    Path: /v1/rounds/{roundId}/prices
                                    Method: GET
                        """));

        assertThat(routeProblems(broken, code)).anySatisfy(p -> assertThat(p)
                        .contains("POST /v1/time").contains("no JAX-RS resource method"))
                .anySatisfy(p -> assertThat(p).contains("PublicCatalogResource.time")
                        .contains("GET /v1/time").contains("routes to no function"))
                .anySatisfy(p -> assertThat(p).contains("GET /v1/rounds/{roundId}/prices")
                        .contains("no JAX-RS resource method"))
                .anySatisfy(p -> assertThat(p).contains("declared 2 times")
                        .contains("GetRoundFunction").contains("ProbeFunction"));
    }

    @Test
    void a_resource_method_without_a_route_role_or_tables_is_caught(@TempDir java.nio.file.Path dir) {
        Code more = code.withResource(UnroutedAdminResource.class);
        assertThat(routeProblems(template, more)).singleElement().satisfies(p -> assertThat(p)
                .contains("UnroutedAdminResource.probe").contains("GET /v1/admin/probe")
                .contains("routes to no function"));
        assertThat(authProblems(template, more)).singleElement().satisfies(p -> assertThat(p)
                .contains("UnroutedAdminResource.probe").contains("@RolesAllowed"));

        // once routed, its function's table policy is checked against a class that declares no tables
        SamTemplate routed = altered(dir, addResources("""
                  ProbeFunction:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: functions/api/target/function.zip
                      Handler: io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest
                      Policies:
                        - DynamoDBReadPolicy:
                            TableName: !Ref CatalogTable
                      Events:
                        Probe:
                          Type: HttpApi
                          Properties:
                            ApiId: !Ref HttpApi
                            Path: /v1/admin/probe
                            Method: GET
                            Auth:
                              Authorizer: JwtAuthorizer
                """));
        assertThat(routeProblems(routed, more)).isEmpty();
        assertThat(tableProblems(routed, more))
                .anySatisfy(p -> assertThat(p).contains("UnroutedAdminResource").contains("@TouchesTables"))
                .anySatisfy(p -> assertThat(p).contains("ProbeFunction").contains("policy for CatalogTable")
                        .contains("none of its code touches"));
    }

    @Test
    void auth_on_the_wrong_routes_is_caught(@TempDir java.nio.file.Path dir) {
        SamTemplate broken = altered(dir,
                replaceOnce("(Path: /v1/admin/venues\\n +Method: POST\\n) +Auth:\\n +Authorizer: JwtAuthorizer\\n",
                        "$1"),
                replaceOnce("(Path: /v1/admin/venues/\\{venueId}\\n +Method: GET\\n +Auth:\\n +Authorizer: )"
                        + "JwtAuthorizer", "$1SomeOtherAuthorizer"),
                replaceOnce("(Path: /v1/rounds/\\{roundId}\\n( +)Method: GET\\n)",
                        "$1$2Auth:\n$2  Authorizer: JwtAuthorizer\n"));

        assertThat(authProblems(broken, code)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("POST /v1/admin/venues").contains("no authorizer"))
                .anySatisfy(p -> assertThat(p).contains("GET /v1/admin/venues/{venueId}")
                        .contains("SomeOtherAuthorizer").contains("not a JWT authorizer"))
                .anySatisfy(p -> assertThat(p).contains("public route GET /v1/rounds/{roundId}")
                        .contains("JwtAuthorizer"));
    }

    @Test
    void a_worker_naming_a_missing_handler_is_caught(@TempDir java.nio.file.Path dir) {
        SamTemplate broken = altered(dir, replaceOnce("(QUARKUS_LAMBDA_HANDLER: )refreshSeatMaps$", "$1refreshSeatMapz"));

        assertThat(handlerProblems(broken, code)).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("RefreshSeatMapsFunction").contains("'refreshSeatMapz'"))
                .anySatisfy(p -> assertThat(p).contains("RefreshSeatMapsHandler").contains("has no function"));
        assertThat(handlerProblems(template, code.withWorkerHandler("sweepUnpaidOrders", Object.class)))
                .singleElement().satisfies(p -> assertThat(p).contains("sweepUnpaidOrders").contains("no function"));
    }

    @Test
    void a_policy_for_the_wrong_table_or_a_missing_table_variable_is_caught(@TempDir java.nio.file.Path dir) {
        SamTemplate broken = altered(dir,
                replaceOnce("(^  ListPerformancesFunction:\\n(?:.*\\n)*? +TableName: !Ref )CatalogTable$",
                        "$1SeatsTable"),
                replaceOnce("^ +SEATS_TABLE: !Ref SeatsTable\\n", ""));

        assertThat(tableProblems(broken, code))
                .anySatisfy(p -> assertThat(p).contains("ListPerformancesFunction touches CatalogTable")
                        .contains("no policy"))
                .anySatisfy(p -> assertThat(p).contains("ListPerformancesFunction has a policy for SeatsTable")
                        .contains("none of its code touches"))
                .anySatisfy(p -> assertThat(p).contains("RefreshSeatMapsFunction").contains("SEATS_TABLE")
                        .contains("madang.tables.seats"));
    }

    @Test
    void a_worker_holding_a_table_its_handler_does_not_declare_is_caught(@TempDir java.nio.file.Path dir) {
        // the genre alerts read only the followers; an accounts policy is the breadth least privilege removed
        SamTemplate broken = altered(dir, replaceOnce(
                "(^  GenreAlertsFunction:\\n(?:.*\\n)*?)( +)(- DynamoDBReadPolicy:\\n +TableName: !Ref AlertsTable\\n)",
                "$1$2$3$2- DynamoDBReadPolicy:\n$2    TableName: !Ref AccountsTable\n"));

        assertThat(tableProblems(broken, code)).singleElement().satisfies(p ->
                assertThat(p).contains("GenreAlertsFunction has a policy for AccountsTable")
                        .contains("none of its code touches"));
    }

    @Test
    void an_unsubstituted_placeholder_an_unused_substitution_and_a_stray_definition_are_caught(
            @TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path asl = Files.createDirectories(dir.resolve("statemachines"));
        Files.writeString(asl.resolve("probe.asl.json"), """
                {"StartAt": "Refresh Seat Maps",
                 "States": {"Refresh Seat Maps": {"Type": "Task", "Resource": "${RefreshFunctionArn}", "End": true}}}
                """);
        Files.writeString(asl.resolve("forgotten.asl.json"), """
                {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}
                """);
        SamTemplate broken = altered(dir, addResources("""
                  ProbeStateMachine:
                    Type: AWS::Serverless::StateMachine
                    Properties:
                      DefinitionUri: statemachines/probe.asl.json
                      DefinitionSubstitutions:
                        RefreshArn: !GetAtt RefreshSeatMapsFunction.Arn
                """));

        assertThat(stateMachineProblems(broken)).hasSize(3)
                .anySatisfy(p -> assertThat(p).contains("ProbeStateMachine").contains("${RefreshFunctionArn}"))
                .anySatisfy(p -> assertThat(p).contains("ProbeStateMachine").contains("RefreshArn")
                        .contains("never uses"))
                .anySatisfy(p -> assertThat(p).contains("forgotten.asl.json"));
    }

    @Test
    void a_stale_or_too_wide_entry_of_the_fewer_tables_list_is_caught() {
        Map<String, Set<String>> list = new LinkedHashMap<>(ROUTES_TOUCHING_FEWER_TABLES);
        list.put("DELETE /v1/performances/{performanceId}", Set.of());
        list.put("GET /v1/time", Set.of("CatalogTable", "LotteryTable"));

        assertThat(tableProblems(template, code, list))
                .anySatisfy(p -> assertThat(p).contains("DELETE /v1/performances/{performanceId}")
                        .contains("does not route"))
                .anySatisfy(p -> assertThat(p).contains("GET /v1/time").contains("LotteryTable")
                        .contains("more than its resource classes declare"));
    }

    /** A resource the template does not know: no route, no role, no tables. */
    @Path(ADMIN_PREFIX + "/probe")
    static class UnroutedAdminResource {
        @GET
        public String probe() {
            return "";
        }
    }

    // ------------------------------------------------------------------------------------------------------
    // The checks
    // ------------------------------------------------------------------------------------------------------

    /** Routes of the template against the JAX-RS resource methods of the api module, both ways. */
    static List<String> routeProblems(SamTemplate t, Code c) {
        List<String> problems = new ArrayList<>();
        Map<String, List<HttpApiEvent>> routed = new LinkedHashMap<>();
        t.httpApiEvents().forEach(e -> routed.computeIfAbsent(shape(e.routeKey()), k -> new ArrayList<>()).add(e));
        Map<String, List<ResourceMethod>> served = new LinkedHashMap<>();
        c.resourceMethods().forEach(m -> served.computeIfAbsent(shape(m.routeKey()), k -> new ArrayList<>()).add(m));

        routed.forEach((shape, events) -> {
            if (events.size() > 1) {
                problems.add("route " + shape + " is declared " + events.size() + " times: "
                        + events.stream().map(e -> e.function() + "." + e.name() + " (" + e.routeKey() + ")").toList());
            }
            for (HttpApiEvent e : events) {
                if (!served.containsKey(shape)) {
                    problems.add("template route " + e.routeKey() + " (" + e.function() + "." + e.name()
                            + ") has no JAX-RS resource method in the api module");
                }
                String codeUri = t.function(e.function()).codeUri();
                if (!LocalAws.API_CODE_URI.equals(codeUri)) {
                    problems.add("template route " + e.routeKey() + " goes to " + e.function() + ", built from "
                            + codeUri + " instead of the api artifact " + LocalAws.API_CODE_URI);
                }
            }
        });
        for (ResourceMethod m : c.resourceMethods()) {
            if (!routed.containsKey(shape(m.routeKey()))) {
                problems.add("JAX-RS method " + m.name() + " serves " + m.routeKey()
                        + ", which template.yaml routes to no function");
            }
        }
        c.subResourceLocators().forEach(l -> problems.add("sub-resource locator " + l
                + ": its routes cannot be read from annotations; this test needs to learn them"));
        return problems;
    }

    /**
     * A route whose code demands a role (@RolesAllowed) carries the JWT authorizer in the template, and a route whose
     * code is open carries none (fans call it without a token); admin routes must demand a role.
     */
    static List<String> authProblems(SamTemplate t, Code c) {
        List<String> problems = new ArrayList<>();
        Map<String, List<ResourceMethod>> served = new LinkedHashMap<>();
        c.resourceMethods().forEach(m -> served.computeIfAbsent(shape(m.routeKey()), k -> new ArrayList<>()).add(m));
        for (HttpApiEvent e : t.httpApiEvents()) {
            String where = e.routeKey() + " (" + e.function() + ")";
            boolean needsToken = isAdmin(e.path()) || served.getOrDefault(shape(e.routeKey()), List.of()).stream()
                    .anyMatch(ResourceMethod::rolesAllowed);
            if (needsToken) {
                if (e.isPublic()) {
                    problems.add("route " + where + " demands a role in the code but carries no authorizer; it "
                            + "needs a JWT authorizer");
                } else if (!isJwtAuthorizer(t, e.apiId(), e.authorizer())) {
                    problems.add("route " + where + " names authorizer " + e.authorizer()
                            + ", which is not a JWT authorizer of " + e.apiId());
                }
            } else if (!e.isPublic()) {
                problems.add("public route " + where + " carries authorizer " + e.authorizer()
                        + "; fans call it without a token");
            }
        }
        for (ResourceMethod m : c.resourceMethods()) {
            if (isAdmin(m.path()) && !m.rolesAllowed()) {
                problems.add("JAX-RS method " + m.name() + " (" + m.routeKey()
                        + ") is under " + ADMIN_PREFIX + " but not covered by @RolesAllowed");
            }
        }
        return problems;
    }

    /** Worker functions' QUARKUS_LAMBDA_HANDLER against the {@code @Named} handlers of the workers module. */
    static List<String> handlerProblems(SamTemplate t, Code c) {
        List<String> problems = new ArrayList<>();
        Set<String> used = new LinkedHashSet<>();
        for (Function f : t.functions()) {
            if (LocalAws.WORKERS_CODE_URI.equals(f.codeUri())) {
                Optional<String> handler = f.quarkusLambdaHandler();
                if (handler.isEmpty()) {
                    problems.add("worker function " + f.logicalId() + " sets no QUARKUS_LAMBDA_HANDLER");
                } else if (!c.workerHandlers().containsKey(handler.get())) {
                    problems.add("worker function " + f.logicalId() + " runs handler '" + handler.get()
                            + "', but no handler class in dev.madang.workers is @Named so (there are "
                            + c.workerHandlers().keySet() + ")");
                } else {
                    used.add(handler.get());
                }
            } else if (!LocalAws.API_CODE_URI.equals(f.codeUri())) {
                problems.add("function " + f.logicalId() + " is built from " + f.codeUri()
                        + ", which is neither the api nor the workers artifact");
            }
        }
        c.workerHandlers().forEach((name, type) -> {
            if (!used.contains(name)) {
                problems.add("handler " + type.getSimpleName() + " (@Named " + name + ") has no function in "
                        + "template.yaml that selects it with QUARKUS_LAMBDA_HANDLER");
            }
        });
        return problems;
    }

    /** What each function touches (from the code's declared links) against its DynamoDB policies, both ways. */
    static List<String> tableProblems(SamTemplate t, Code c) {
        return tableProblems(t, c, ROUTES_TOUCHING_FEWER_TABLES);
    }

    static List<String> tableProblems(SamTemplate t, Code c, Map<String, Set<String>> fewerTables) {
        List<String> problems = new ArrayList<>();
        Set<String> tables = new LinkedHashSet<>();
        t.tables().forEach(table -> tables.add(table.logicalId()));

        Set<String> routedShapes = new LinkedHashSet<>();
        t.httpApiEvents().forEach(e -> routedShapes.add(shape(e.routeKey())));
        fewerTables.keySet().stream().filter(r -> !routedShapes.contains(shape(r))).sorted()
                .forEach(r -> problems.add("ROUTES_TOUCHING_FEWER_TABLES lists " + r
                        + ", which template.yaml does not route: remove the entry"));

        for (Function f : t.functions()) {
            Map<String, String> variables = c.tableVariables().get(f.codeUri());
            if (variables == null) {
                continue; // an unknown artifact; handlerProblems reports it
            }
            // the tables this function's code can name: a property the code reads, a variable the template sets
            Map<String, String> reachable = new LinkedHashMap<>();
            variables.forEach((property, variable) -> {
                if (variable == null) {
                    problems.add(f.codeUri() + ": " + property + " is not read from the environment, so "
                            + "template.yaml cannot tell the code which table to use");
                    return;
                }
                Object value = f.environment().get(variable);
                if (value instanceof Ref ref && tables.contains(ref.target())) {
                    reachable.put(ref.target(), variable);
                } else {
                    problems.add(f.logicalId() + " does not set " + variable + " to !Ref of a table (found " + value
                            + "), but its code reads it as " + property);
                }
            });

            Map<String, Set<String>> touched = new TreeMap<>(); // table -> why
            if (LocalAws.API_CODE_URI.equals(f.codeUri())) {
                for (HttpApiEvent e : f.httpApiEvents()) {
                    for (String table : routeTables(e, c, fewerTables, problems)) {
                        touched.computeIfAbsent(table, k -> new LinkedHashSet<>()).add(e.routeKey());
                    }
                }
            } else {
                // one properties file names every table for every handler, so what a worker touches is what its
                // handler declares (least privilege: docs/operations.md)
                String name = f.quarkusLambdaHandler().orElse(null);
                Class<?> handler = name == null ? null : c.workerHandlers().get(name);
                if (handler == null) {
                    continue; // handlerProblems reports it
                }
                dev.madang.workers.TouchesTables declared = handler.getAnnotation(dev.madang.workers.TouchesTables.class);
                if (declared == null) {
                    problems.add("worker handler " + handler.getName() + " (@Named " + name
                            + ") does not declare its tables with @TouchesTables");
                    continue;
                }
                for (String table : declared.value()) {
                    touched.computeIfAbsent(table, k -> new LinkedHashSet<>()).add("handler " + name);
                }
            }

            Set<String> policies = f.tables();
            touched.forEach((table, why) -> {
                if (!tables.contains(table)) {
                    problems.add(f.logicalId() + " touches " + table + " (" + why + "), which is no table of "
                            + "template.yaml");
                    return;
                }
                if (!policies.contains(table)) {
                    problems.add(f.logicalId() + " touches " + table + " (" + why + ") but has no policy for it");
                }
                if (!reachable.containsKey(table)) {
                    problems.add(f.logicalId() + " touches " + table + " (" + why + ") but its environment gives the "
                            + "code no variable naming that table");
                }
            });
            for (String table : policies) {
                if (!touched.containsKey(table)) {
                    problems.add(f.logicalId() + " has a policy for " + table + ", which none of its code touches");
                }
            }
            f.policies().stream().filter(p -> p.name().startsWith("DynamoDB") && p.table().isEmpty())
                    .forEach(p -> problems.add(f.logicalId() + ": policy " + p.name()
                            + " does not name its table as TableName: !Ref <table>"));
        }
        return problems;
    }

    /** The tables one route touches: its method's declaration, else its class's, narrowed by the list above. */
    private static Set<String> routeTables(HttpApiEvent e, Code c, Map<String, Set<String>> fewerTables,
                                           List<String> problems) {
        Set<String> declared = new LinkedHashSet<>();
        for (ResourceMethod m : c.resourceMethods()) {
            if (shape(m.routeKey()).equals(shape(e.routeKey()))) {
                TouchesTables annotation = m.method().isAnnotationPresent(TouchesTables.class)
                        ? m.method().getAnnotation(TouchesTables.class) : m.resource().getAnnotation(TouchesTables.class);
                if (annotation == null) {
                    problems.add("resource class " + m.resource().getName() + " (serving " + e.routeKey()
                            + ") does not declare its tables with @TouchesTables");
                } else {
                    declared.addAll(List.of(annotation.value()));
                }
            }
        }
        Set<String> narrowed = fewerTables.entrySet().stream()
                .filter(entry -> shape(entry.getKey()).equals(shape(e.routeKey()))).map(Map.Entry::getValue)
                .findFirst().orElse(null);
        if (narrowed == null) {
            return declared;
        }
        if (!declared.containsAll(narrowed)) {
            problems.add("ROUTES_TOUCHING_FEWER_TABLES gives " + e.routeKey() + " the tables " + narrowed
                    + ", more than its resource classes declare: " + declared);
        }
        return narrowed;
    }

    /** Each state machine's ${placeholders} against its DefinitionSubstitutions; ASL files no machine uses. */
    static List<String> stateMachineProblems(SamTemplate t) {
        List<String> problems = new ArrayList<>();
        Set<java.nio.file.Path> used = new LinkedHashSet<>();
        for (StateMachine sm : t.stateMachines()) {
            Set<String> placeholders;
            try {
                placeholders = sm.definitionPlaceholders();
            } catch (RuntimeException unreadable) {
                problems.add("state machine " + sm.logicalId() + ": " + unreadable.getMessage());
                continue;
            }
            if (sm.definitionFile() != null) {
                used.add(sm.definitionFile().toAbsolutePath().normalize());
            }
            for (String name : placeholders) {
                if (!sm.substitutions().containsKey(name)) {
                    problems.add("state machine " + sm.logicalId() + " uses ${" + name
                            + "}, which its DefinitionSubstitutions do not define");
                }
            }
            for (String name : sm.substitutions().keySet()) {
                if (!placeholders.contains(name)) {
                    problems.add("state machine " + sm.logicalId() + " substitutes " + name
                            + ", which its definition never uses");
                }
            }
        }
        java.nio.file.Path folder = t.path().getParent().resolve("statemachines");
        if (Files.isDirectory(folder)) {
            try (Stream<java.nio.file.Path> files = Files.list(folder)) {
                files.filter(p -> p.getFileName().toString().endsWith(".asl.json"))
                        .map(p -> p.toAbsolutePath().normalize()).filter(p -> !used.contains(p)).sorted()
                        .forEach(p -> problems.add("statemachines/" + p.getFileName()
                                + " is the definition of no state machine in template.yaml"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return problems;
    }

    static boolean isAdmin(String path) {
        return path.equals(ADMIN_PREFIX) || path.startsWith(ADMIN_PREFIX + "/");
    }

    @SuppressWarnings("unchecked")
    private static boolean isJwtAuthorizer(SamTemplate t, String apiId, String authorizer) {
        Object auth = t.resource(apiId).map(r -> r.properties().get("Auth")).orElse(null);
        if (!(auth instanceof Map<?, ?> authMap) || !(authMap.get("Authorizers") instanceof Map<?, ?> authorizers)) {
            return false;
        }
        return authorizers.get(authorizer) instanceof Map<?, ?> config && config.containsKey("JwtConfiguration");
    }

    /**
     * A route key with every path parameter reduced to {@code {}}: API Gateway and JAX-RS match on the shape, the
     * names do not route. Braces nest in JAX-RS regexes ({@code {id: [0-9]{3}}}).
     */
    static String shape(String routeKey) {
        StringBuilder out = new StringBuilder();
        int depth = 0;
        for (char ch : routeKey.toCharArray()) {
            if (ch == '{') {
                if (depth++ == 0) {
                    out.append("{}");
                }
            } else if (ch == '}') {
                depth--;
            } else if (depth == 0) {
                out.append(ch);
            }
        }
        String s = out.toString(); // "GET /v1/x/" and "GET /v1/x" are one route, "GET /" stays
        return s.endsWith("/") && !s.endsWith(" /") ? s.substring(0, s.length() - 1) : s;
    }

    // ------------------------------------------------------------------------------------------------------
    // Altered template copies
    // ------------------------------------------------------------------------------------------------------

    @SafeVarargs
    static SamTemplate altered(java.nio.file.Path dir, UnaryOperator<String>... changes) {
        try {
            String text = Files.readString(LocalAws.templatePath(), StandardCharsets.UTF_8);
            for (UnaryOperator<String> change : changes) {
                String before = text;
                text = change.apply(text);
                assertThat(text).as("an alteration changed nothing").isNotEqualTo(before);
            }
            java.nio.file.Path copy = dir.resolve("template.yaml");
            Files.writeString(copy, text, StandardCharsets.UTF_8);
            // the real state machines' definitions travel with the copy, so only the alteration can be wrong
            java.nio.file.Path machines = Files.createDirectories(dir.resolve("statemachines"));
            try (var definitions = Files.list(LocalAws.templatePath().getParent().resolve("statemachines"))) {
                for (java.nio.file.Path asl : definitions.filter(f -> f.toString().endsWith(".asl.json")).toList()) {
                    Files.copy(asl, machines.resolve(asl.getFileName()),
                            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return SamTemplate.load(copy);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the one match of a multi-line regex; fails (the template changed) if there is not exactly one. */
    static UnaryOperator<String> replaceOnce(String regex, String replacement) {
        return text -> {
            Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
            List<String> found = new ArrayList<>();
            while (m.find()) {
                found.add(m.group());
            }
            assertThat(found).as("matches of /%s/ in template.yaml (if it changed, update this test)", regex)
                    .hasSize(1);
            return m.replaceFirst(replacement);
        };
    }

    /** Inserts resources (YAML indented for the Resources mapping) at the end of Resources. */
    static UnaryOperator<String> addResources(String yaml) {
        return text -> {
            assertThat(text).as("template.yaml has an Outputs section after Resources").containsOnlyOnce("\nOutputs:");
            return text.replace("\nOutputs:", "\n" + yaml.stripTrailing() + "\n\nOutputs:");
        };
    }

    // ------------------------------------------------------------------------------------------------------
    // The code, read from the api and workers modules on the class path
    // ------------------------------------------------------------------------------------------------------

    /** One JAX-RS resource method: class and method {@code @Path} joined, the HTTP method from its annotation. */
    record ResourceMethod(Class<?> resource, Method method, String httpMethod, String path) {

        String routeKey() {
            return httpMethod + " " + path;
        }

        String name() {
            return resource.getSimpleName() + "." + method.getName();
        }

        /** Method-level {@code @RolesAllowed}, or class-level unless the method opts out with {@code @PermitAll}. */
        boolean rolesAllowed() {
            if (method.isAnnotationPresent(RolesAllowed.class)) {
                return method.getAnnotation(RolesAllowed.class).value().length > 0;
            }
            return !method.isAnnotationPresent(PermitAll.class) && resource.isAnnotationPresent(RolesAllowed.class)
                    && resource.getAnnotation(RolesAllowed.class).value().length > 0;
        }
    }

    /**
     * The code model the checks compare with.
     *
     * @param tableVariables per artifact ({@code CodeUri}): {@code madang.tables.*} property to the environment
     *                       variable it reads ({@code null} when it reads none)
     */
    record Code(List<ResourceMethod> resourceMethods, List<String> subResourceLocators,
                Map<String, Class<?>> workerHandlers, Map<String, Map<String, String>> tableVariables) {

        static Code scan() {
            List<ResourceMethod> methods = new ArrayList<>();
            List<String> locators = new ArrayList<>();
            for (Class<?> type : classesIn(PublicCatalogResource.class, "dev.madang.api")) {
                if (type.isAnnotationPresent(Path.class)) {
                    readResource(type, methods, locators);
                }
            }
            methods.sort(Comparator.comparing(ResourceMethod::routeKey).thenComparing(ResourceMethod::name));

            Map<String, Class<?>> handlers = new TreeMap<>();
            for (Class<?> type : classesIn(RefreshSeatMapsHandler.class, "dev.madang.workers")) {
                Named named = type.getAnnotation(Named.class);
                boolean handler = RequestHandler.class.isAssignableFrom(type)
                        || RequestStreamHandler.class.isAssignableFrom(type);
                if (named != null && handler && !Modifier.isAbstract(type.getModifiers())) {
                    Class<?> before = handlers.put(beanName(type, named), type);
                    assertThat(before).as("two handlers named %s", beanName(type, named)).isNull();
                }
            }

            Map<String, Map<String, String>> variables = new LinkedHashMap<>();
            variables.put(LocalAws.API_CODE_URI, tableVariablesOf(PublicCatalogResource.class));
            variables.put(LocalAws.WORKERS_CODE_URI, tableVariablesOf(RefreshSeatMapsHandler.class));
            return new Code(List.copyOf(methods), List.copyOf(locators), Map.copyOf(handlers), variables);
        }

        Code withResource(Class<?> resource) {
            List<ResourceMethod> methods = new ArrayList<>(resourceMethods);
            List<String> locators = new ArrayList<>(subResourceLocators);
            readResource(resource, methods, locators);
            return new Code(methods, locators, workerHandlers, tableVariables);
        }

        Code withWorkerHandler(String name, Class<?> type) {
            Map<String, Class<?>> handlers = new TreeMap<>(workerHandlers);
            handlers.put(name, type);
            return new Code(resourceMethods, subResourceLocators, handlers, tableVariables);
        }
    }

    private static void readResource(Class<?> type, List<ResourceMethod> methods, List<String> locators) {
        String base = type.getAnnotation(Path.class).value();
        for (Method method : type.getDeclaredMethods()) {
            if (method.isSynthetic() || method.isBridge() || !Modifier.isPublic(method.getModifiers())) {
                continue;
            }
            String httpMethod = null;
            for (Annotation a : method.getAnnotations()) {
                HttpMethod meta = a.annotationType().getAnnotation(HttpMethod.class);
                if (meta != null) {
                    httpMethod = meta.value();
                }
            }
            Path sub = method.getAnnotation(Path.class);
            if (httpMethod == null) {
                if (sub != null) {
                    locators.add(type.getSimpleName() + "." + method.getName());
                }
                continue;
            }
            methods.add(new ResourceMethod(type, method, httpMethod, joinPaths(base, sub == null ? "" : sub.value())));
        }
    }

    /** Class and method {@code @Path} as one absolute path, regexes dropped from parameters. */
    static String joinPaths(String base, String sub) {
        String joined = ("/" + base + "/" + sub).replaceAll("/{2,}", "/");
        StringBuilder out = new StringBuilder();
        int depth = 0;
        boolean inName = false;
        for (char ch : joined.toCharArray()) {
            if (ch == '{') {
                if (depth++ == 0) {
                    out.append('{');
                    inName = true;
                }
            } else if (ch == '}') {
                if (--depth == 0) {
                    out.append('}');
                }
            } else if (depth == 1 && ch == ':') {
                inName = false;
            } else if (depth == 0 || inName && !Character.isWhitespace(ch)) {
                out.append(ch);
            }
        }
        String path = out.toString();
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String beanName(Class<?> type, Named named) {
        if (!named.value().isEmpty()) {
            return named.value();
        }
        String simple = type.getSimpleName(); // CDI's default name: the simple name, first letter lower case
        return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
    }

    /** Classes Quarkus generates next to the application's, never written by hand. */
    private static final Pattern GENERATED = Pattern.compile(
            ".*(_Subclass|_Bean|_ClientProxy|_Observer|_ProducerMethod|_ProducerField|_Synthetic|_ComponentsProvider"
                    + "|\\$\\$|\\$quarkus).*");

    /** Every class of a package (and its sub-packages) in the jar or classes folder that holds {@code anchor}. */
    static List<Class<?>> classesIn(Class<?> anchor, String packageName) {
        String prefix = packageName.replace('.', '/') + "/";
        List<Class<?>> classes = new ArrayList<>();
        for (String entry : entriesOf(anchor)) {
            if (!entry.startsWith(prefix) || !entry.endsWith(".class") || entry.endsWith("package-info.class")
                    || entry.endsWith("module-info.class")) {
                continue;
            }
            String name = entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
            if (GENERATED.matcher(name).matches()) {
                continue;
            }
            try {
                classes.add(Class.forName(name, false, anchor.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("cannot load " + name + " to inspect it", e);
            }
        }
        return classes;
    }

    /** The {@code madang.tables.*} properties of the artifact that holds {@code anchor}, each to the variable read. */
    static Map<String, String> tableVariablesOf(Class<?> anchor) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(readEntry(anchor, "application.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pattern variable = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?}");
        Map<String, String> out = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("madang.tables.")) {
                Matcher m = variable.matcher(properties.getProperty(key).strip());
                out.put(key, m.matches() ? m.group(1) : null);
            }
        }
        return out;
    }

    private static java.nio.file.Path locationOf(Class<?> anchor) {
        try {
            return Paths.get(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> entriesOf(Class<?> anchor) {
        java.nio.file.Path location = locationOf(anchor);
        try {
            if (Files.isDirectory(location)) {
                try (Stream<java.nio.file.Path> files = Files.walk(location)) {
                    return files.filter(Files::isRegularFile)
                            .map(p -> location.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                            .toList();
                }
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.stream().map(JarEntry::getName).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + location, e);
        }
    }

    private static String readEntry(Class<?> anchor, String name) throws IOException {
        java.nio.file.Path location = locationOf(anchor);
        if (Files.isDirectory(location)) {
            return Files.readString(location.resolve(name), StandardCharsets.UTF_8);
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            JarEntry entry = jar.getJarEntry(name);
            if (entry == null) {
                throw new IOException(location + " holds no " + name);
            }
            return new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
