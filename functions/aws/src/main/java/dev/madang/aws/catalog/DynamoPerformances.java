package dev.madang.aws.catalog;

import dev.madang.aws.support.Attr;
import dev.madang.aws.support.BatchWrites;
import dev.madang.aws.support.Cursors;
import dev.madang.domain.catalog.CatalogQuery;
import dev.madang.domain.catalog.Genre;
import dev.madang.domain.catalog.Performance;
import dev.madang.domain.catalog.Performances;
import dev.madang.domain.catalog.SearchTerms;
import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import dev.madang.domain.common.Page;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/** Performances in the catalog table, with the title n-gram index beside them (see {@link CatalogKeys}). */
final class DynamoPerformances implements Performances {

    static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final List<String> LISTING_KEY = List.of("pk", "sk", "gsi1pk", "gsi1sk");
    /** A search whose rarest gram matches more performances than this is asked to be more specific. */
    private static final int MAX_SEARCH_CANDIDATES = 2_000;

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoPerformances(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(Performance p) {
        writeGrams(p.id(), Set.of(), SearchTerms.indexGrams(p.title()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item(p, 1)).conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw DomainException.conflict("performance-exists", "performance " + p.id() + " already exists");
        }
    }

    @Override
    public void update(Performance p, long expectedVersion) {
        Performance previous = find(p.id()).orElseThrow(() -> DomainException.notFound("performance", p.id()));
        try {
            dynamo.putItem(r -> r.tableName(table).item(item(p, expectedVersion + 1))
                    .conditionExpression("version = :v")
                    .expressionAttributeValues(Map.of(":v", n(expectedVersion))));
        } catch (ConditionalCheckFailedException e) {
            throw DomainException.conflict("performance-changed", "performance " + p.id() + " changed meanwhile");
        }
        if (!previous.title().equals(p.title())) {
            writeGrams(p.id(), SearchTerms.indexGrams(previous.title()), SearchTerms.indexGrams(p.title()));
        }
    }

    @Override
    public java.util.Optional<Performance> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of("pk", s(CatalogKeys.performance(id)), "sk", s(CatalogKeys.META)))).item();
        return item == null || item.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(decode(item));
    }

    @Override
    public Page<Performance> list(CatalogQuery q, Instant now) {
        return q.text() == null ? browse(q, now) : search(q, now);
    }

    /** The listing index, newest filters applied server-side; a page is filled across DynamoDB pages. */
    private Page<Performance> browse(CatalogQuery q, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":listing", s(CatalogKeys.LISTING));
        String keyCondition = "gsi1pk = :listing";
        if (q.to() != null) {
            keyCondition += " AND gsi1sk < :to";
            values.put(":to", s(Attr.sortable(endOf(q.to()))));
        }
        List<String> filters = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        addFilters(q, now, filters, values, names);
        Map<String, AttributeValue> start = q.cursor() == null ? null : Cursors.decode(q.cursor(), LISTING_KEY);
        if (start != null && !CatalogKeys.LISTING.equals(start.get("gsi1pk").s())) {
            throw Cursors.foreign();
        }
        List<Map<String, AttributeValue>> found = new ArrayList<>();
        boolean truncated = false;
        boolean more;
        do {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(CatalogKeys.GSI1)
                    .keyConditionExpression(keyCondition).expressionAttributeValues(values)
                    .limit(Math.max(q.limit() * 2, 20)).exclusiveStartKey(start);
            if (!filters.isEmpty()) {
                request.filterExpression(String.join(" AND ", filters));
            }
            if (!names.isEmpty()) {
                request.expressionAttributeNames(names);
            }
            QueryResponse page = dynamo.query(request.build());
            for (Map<String, AttributeValue> item : page.items()) {
                if (found.size() == q.limit()) {
                    truncated = true;
                    break;
                }
                found.add(item);
            }
            more = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty();
            start = more ? page.lastEvaluatedKey() : null;
        } while (!truncated && more && found.size() < q.limit());
        String next = truncated || (more && found.size() == q.limit())
                ? Cursors.encode(found.get(found.size() - 1), LISTING_KEY) : null;
        return new Page<>(found.stream().map(DynamoPerformances::decode).toList(), next);
    }

    /**
     * Title search: the ids under each query gram, intersected (rarest first), then the full substring and the
     * filters confirmed on the items themselves. Ordered like the listing; the cursor is the last listing key.
     */
    private Page<Performance> search(CatalogQuery q, Instant now) {
        Set<String> ids = null;
        for (String gram : SearchTerms.queryGrams(q.text())) {
            Set<String> withGram = idsWithGram(gram);
            ids = ids == null ? withGram : intersect(ids, withGram);
            if (ids.isEmpty()) {
                return new Page<>(List.of(), null);
            }
        }
        if (ids == null) {
            return new Page<>(List.of(), null);
        }
        String after = q.cursor() == null ? null : Cursors.decode(q.cursor(), List.of("gsi1sk")).get("gsi1sk").s();
        List<Performance> matches = new ArrayList<>();
        for (Map<String, AttributeValue> item : batchGet(ids)) {
            Performance p = decode(item);
            if (p.run().firstRoundAt() == null || !SearchTerms.matches(p.title(), q.text()) || !passes(p, q, now)) {
                continue;
            }
            if (after == null || listingKey(p).compareTo(after) > 0) {
                matches.add(p);
            }
        }
        matches.sort(Comparator.comparing(DynamoPerformances::listingKey));
        List<Performance> page = matches.subList(0, Math.min(q.limit(), matches.size()));
        String next = matches.size() > q.limit()
                ? Cursors.encode(Map.of("gsi1sk", s(listingKey(page.get(page.size() - 1)))), List.of("gsi1sk"))
                : null;
        return new Page<>(List.copyOf(page), next);
    }

    private Set<String> idsWithGram(String gram) {
        Set<String> ids = new LinkedHashSet<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(r -> r.tableName(table)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(CatalogKeys.gram(gram))))).items()) {
            ids.add(item.get("sk").s().substring("PERF#".length()));
            if (ids.size() > MAX_SEARCH_CANDIDATES) {
                throw DomainException.ruleViolated("search-too-broad", "the search matches too many titles; type more",
                        List.of(new FieldError("q", "too broad")));
            }
        }
        return ids;
    }

    private List<Map<String, AttributeValue>> batchGet(Set<String> ids) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        List<String> all = new ArrayList<>(ids);
        for (int from = 0; from < all.size(); from += 100) {
            List<Map<String, AttributeValue>> keys = all.subList(from, Math.min(all.size(), from + 100)).stream()
                    .map(id -> Map.of("pk", s(CatalogKeys.performance(id)), "sk", s(CatalogKeys.META))).toList();
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
            for (int attempt = 0; !pending.isEmpty() && attempt < 8; attempt++) {
                Map<String, KeysAndAttributes> request = pending;
                BatchGetItemResponse response = dynamo.batchGetItem(r -> r.requestItems(request));
                items.addAll(response.responses().getOrDefault(table, List.of()));
                pending = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return items;
    }

    private void writeGrams(String id, Set<String> before, Set<String> after) {
        List<WriteRequest> writes = new ArrayList<>();
        for (String gram : after) {
            if (!before.contains(gram)) {
                writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                        "pk", s(CatalogKeys.gram(gram)), "sk", s(CatalogKeys.performance(id)))).build()).build());
            }
        }
        for (String gram : before) {
            if (!after.contains(gram)) {
                writes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(Map.of(
                        "pk", s(CatalogKeys.gram(gram)), "sk", s(CatalogKeys.performance(id)))).build()).build());
            }
        }
        BatchWrites.writeAll(dynamo, table, writes);
    }

    private static void addFilters(CatalogQuery q, Instant now, List<String> filters,
                                   Map<String, AttributeValue> values, Map<String, String> names) {
        if (q.genre() != null) {
            filters.add("genre = :genre");
            values.put(":genre", s(q.genre().name()));
        }
        if (q.from() != null) {
            filters.add("lastRoundAt >= :from");
            values.put(":from", s(Attr.sortable(q.from().atStartOfDay(SEOUL).toInstant())));
        }
        if (q.status() == Performance.SaleStatus.ON_SALE) {
            filters.add("firstSaleOpensAt <= :now AND lastRoundAt > :now");
            values.put(":now", s(Attr.sortable(now)));
        } else if (q.status() == Performance.SaleStatus.COMING_SOON) {
            filters.add("firstSaleOpensAt > :now");
            values.put(":now", s(Attr.sortable(now)));
        }
    }

    private static boolean passes(Performance p, CatalogQuery q, Instant now) {
        return (q.genre() == null || p.genre() == q.genre())
                && (q.from() == null || !p.run().lastRoundAt().isBefore(q.from().atStartOfDay(SEOUL).toInstant()))
                && (q.to() == null || p.run().firstRoundAt().isBefore(endOf(q.to())))
                && (q.status() == null || p.saleStatus(now) == q.status());
    }

    private static Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(SEOUL).toInstant();
    }

    private static Set<String> intersect(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.retainAll(b);
        return out;
    }

    private static String listingKey(Performance p) {
        return Attr.sortable(p.run().firstRoundAt()) + "#" + p.id();
    }

    private static Map<String, AttributeValue> item(Performance p, long version) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(CatalogKeys.performance(p.id())));
        item.put("sk", s(CatalogKeys.META));
        item.put("title", s(p.title()));
        item.put("genre", s(p.genre().name()));
        item.put("tags", Attr.ss(p.tags()));
        item.put("cast", Attr.ss(p.cast()));
        item.put("runtimeMinutes", n(p.runtimeMinutes()));
        item.put("ageLimit", n(p.ageLimit()));
        if (p.description() != null) {
            item.put("description", s(p.description()));
        }
        if (p.posterUrl() != null) {
            item.put("posterUrl", s(p.posterUrl()));
        }
        item.put("version", n(version));
        Performance.RunSummary run = p.run();
        if (run.firstRoundAt() != null) {
            item.put("firstRoundAt", Attr.time(run.firstRoundAt()));
            item.put("lastRoundAt", Attr.time(run.lastRoundAt()));
            item.put("firstSaleOpensAt", Attr.time(run.firstSaleOpensAt()));
            // sparse listing index: only scheduled performances are listed
            item.put("gsi1pk", s(CatalogKeys.LISTING));
            item.put("gsi1sk", s(listingKey(p)));
        }
        return item;
    }

    private static Performance decode(Map<String, AttributeValue> item) {
        String id = item.get("pk").s().substring("PERF#".length());
        return new Performance(id, Attr.str(item, "title"), Genre.valueOf(Attr.str(item, "genre")),
                Attr.strings(item, "tags"), Attr.strings(item, "cast"), (int) Attr.num(item, "runtimeMinutes"), (int) Attr.num(item, "ageLimit"),
                Attr.str(item, "description"), Attr.str(item, "posterUrl"),
                new Performance.RunSummary(Attr.instant(item, "firstRoundAt"), Attr.instant(item, "lastRoundAt"),
                        Attr.instant(item, "firstSaleOpensAt")),
                Attr.num(item, "version"));
    }
}
