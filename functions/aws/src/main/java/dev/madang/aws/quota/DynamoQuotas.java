package dev.madang.aws.quota;

import dev.madang.domain.quota.QuotaCount;
import dev.madang.domain.quota.QuotaTake;
import dev.madang.domain.quota.Quotas;
import dev.madang.domain.quota.ShardPlan;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * Sharded quotas in the orders table (docs/architecture.md §3.8): one item per shard,
 * {@code pk = QUOTA#name, sk = SHARD#nn}, with {@code cap} and {@code taken}.
 * <pre>
 * | pattern                          | request                                                           |
 * |----------------------------------|-------------------------------------------------------------------|
 * | open                             | PutItem per shard IF attribute_not_exists(pk)                      |
 * | take n (first try)               | UpdateItem on a random shard: ADD taken :n IF taken <= cap - n      |
 * |                                  | (conditions have no arithmetic; the caps are read once per instance)|
 * | take n (after a refusal)         | Query QUOTA#name (consistent), then the plan of {@link ShardPlan}:  |
 * |                                  | one shard's UpdateItem, or one transaction over several            |
 * | give back                        | UpdateItem per shard: ADD taken -n IF taken >= n                    |
 * </pre>
 * The first try costs one write and no read; only a refused take reads the shards, so a rush spreads its writes over
 * the shards at random and the reads come once a quota runs low.
 */
public final class DynamoQuotas implements Quotas {

    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, List<Integer>> caps = new ConcurrentHashMap<>();

    public DynamoQuotas(DynamoDbClient dynamo, String ordersTable) {
        this.dynamo = dynamo;
        this.table = ordersTable;
    }

    static String partitionKey(String name) {
        return "QUOTA#" + name;
    }

    static String sortKey(int shard) {
        return "SHARD#%02d".formatted(shard);
    }

    private static Map<String, AttributeValue> key(String name, int shard) {
        return Map.of("pk", s(partitionKey(name)), "sk", s(sortKey(shard)));
    }

    @Override
    public boolean open(String name, int total, int wanted) {
        if (total < 0) {
            throw new IllegalArgumentException("a quota's total is at least 0");
        }
        int shards = ShardPlan.shards(total, wanted);
        boolean created = false;
        for (int i = 0; i < shards; i++) {
            int shard = i;
            try {
                dynamo.putItem(b -> b.tableName(table)
                        .item(Map.of("pk", s(partitionKey(name)), "sk", s(sortKey(shard)),
                                "cap", n(ShardPlan.cap(total, shards, shard)), "taken", n(0)))
                        .conditionExpression("attribute_not_exists(pk)"));
                created = true;
            } catch (ConditionalCheckFailedException exists) {
                // opened before (or by a parallel call): its shards stand as they are
            }
        }
        return created;
    }

    @Override
    public Optional<QuotaTake> take(String name, int units) {
        if (units < 1) {
            throw new IllegalArgumentException("a take is of at least one unit");
        }
        List<Integer> caps = caps(name);
        if (caps.isEmpty()) {
            return Optional.empty();
        }
        // first try: one shard at random, no read; a refusal reads what every shard has left and plans from that
        int first = ThreadLocalRandom.current().nextInt(caps.size());
        Map<Integer, Integer> plan = caps.get(first) >= units ? Map.of(first, units) : ShardPlan.plan(caps, units, first);
        for (int round = 0; round < MAX_ROUNDS && !plan.isEmpty(); round++) {
            if (takeFrom(name, caps, plan)) {
                return Optional.of(new QuotaTake(name, plan));
            }
            List<Integer> left = left(name);
            plan = ShardPlan.plan(left, units, ThreadLocalRandom.current().nextInt(left.size()));
        }
        return Optional.empty();
    }

    /** Each shard's cap, read once per instance: caps never change once a quota is open. */
    private List<Integer> caps(String name) {
        List<Integer> known = caps.get(name);
        if (known != null) {
            return known;
        }
        List<Integer> read = new ArrayList<>();
        shardItems(name).forEach(item -> read.add(Integer.parseInt(item.get("cap").n())));
        if (!read.isEmpty()) {
            caps.put(name, List.copyOf(read));
        }
        return read;
    }

    private boolean takeFrom(String name, List<Integer> caps, Map<Integer, Integer> plan) {
        // DynamoDB conditions have no arithmetic, so "taken + n <= cap" is written as "taken <= cap - n"
        if (plan.size() == 1) {
            Map.Entry<Integer, Integer> only = plan.entrySet().iterator().next();
            try {
                dynamo.updateItem(take(name, only.getKey(), only.getValue(), caps));
                return true;
            } catch (ConditionalCheckFailedException full) {
                return false;
            }
        }
        List<TransactWriteItem> writes = new ArrayList<>();
        plan.forEach((shard, units) -> {
            UpdateItemRequest one = take(name, shard, units, caps);
            writes.add(TransactWriteItem.builder().update(Update.builder().tableName(table).key(one.key())
                    .updateExpression(one.updateExpression()).conditionExpression(one.conditionExpression())
                    .expressionAttributeValues(one.expressionAttributeValues()).build()).build());
        });
        try {
            dynamo.transactWriteItems(b -> b.transactItems(writes));
            return true;
        } catch (TransactionCanceledException lostRace) {
            return false;
        }
    }

    private UpdateItemRequest take(String name, int shard, int units, List<Integer> caps) {
        return UpdateItemRequest.builder().tableName(table).key(key(name, shard))
                .updateExpression("ADD taken :n")
                .conditionExpression("taken <= :most")
                .expressionAttributeValues(Map.of(":n", n(units), ":most", n(caps.get(shard) - units))).build();
    }

    /** Units left per shard, in shard order; empty if the quota was never opened. */
    private List<Integer> left(String name) {
        List<Integer> left = new ArrayList<>();
        shardItems(name).forEach(item -> left.add(Integer.parseInt(item.get("cap").n()) - Integer.parseInt(item.get("taken").n())));
        return left;
    }

    private Iterable<Map<String, AttributeValue>> shardItems(String name) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", s(partitionKey(name)))).build()).items();
    }

    @Override
    public void giveBack(QuotaTake take) {
        take.unitsByShard().forEach((shard, units) -> {
            try {
                dynamo.updateItem(b -> b.tableName(table).key(key(take.quota(), shard))
                        .updateExpression("ADD taken :minus")
                        .conditionExpression("taken >= :n")
                        .expressionAttributeValues(Map.of(":minus", n(-units), ":n", n(units))));
            } catch (ConditionalCheckFailedException alreadyBack) {
                throw new IllegalStateException("quota " + take.quota() + " shard " + shard + " has fewer than " + units + " units taken", alreadyBack);
            }
        });
    }

    @Override
    public Optional<QuotaCount> count(String name) {
        long total = 0;
        long taken = 0;
        int shards = 0;
        for (Map<String, AttributeValue> item : shardItems(name)) {
            total += Long.parseLong(item.get("cap").n());
            taken += Long.parseLong(item.get("taken").n());
            shards++;
        }
        return shards == 0 ? Optional.empty() : Optional.of(new QuotaCount(total, taken, shards));
    }
}
