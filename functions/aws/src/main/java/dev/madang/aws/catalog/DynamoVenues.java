package dev.madang.aws.catalog;

import dev.madang.aws.support.Attr;
import dev.madang.aws.support.BatchWrites;
import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.SeatLayout;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.catalog.Venue;
import dev.madang.domain.catalog.Venues;
import dev.madang.domain.common.DomainException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.madang.aws.support.Attr.n;
import static dev.madang.aws.support.Attr.s;

/**
 * Venues in the catalog table. A layout is stored one item per section under the venue's partition
 * ({@code LAYOUT#v00002#0003}); the venue item is written last and names the current version, so a half-written
 * layout is never referenced.
 */
final class DynamoVenues implements Venues {

    private final DynamoDbClient dynamo;
    private final String table;

    DynamoVenues(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public void create(Venue venue, SeatLayout layout) {
        writeLayout(venue.id(), venue.layoutVersion(), layout);
        try {
            dynamo.putItem(r -> r.tableName(table).item(venueItem(venue))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException e) {
            throw DomainException.conflict("venue-exists", "venue " + venue.id() + " already exists");
        }
    }

    @Override
    public void update(Venue venue) {
        try {
            dynamo.putItem(r -> r.tableName(table).item(venueItem(venue))
                    .conditionExpression("layoutVersion = :v")
                    .expressionAttributeValues(Map.of(":v", n(venue.layoutVersion()))));
        } catch (ConditionalCheckFailedException e) {
            throw DomainException.conflict("venue-changed", "venue " + venue.id() + " changed meanwhile; reload it");
        }
    }

    @Override
    public void addLayout(Venue venue, SeatLayout layout) {
        writeLayout(venue.id(), venue.layoutVersion(), layout);
        try {
            dynamo.putItem(r -> r.tableName(table).item(venueItem(venue))
                    .conditionExpression("layoutVersion = :previous")
                    .expressionAttributeValues(Map.of(":previous", n(venue.layoutVersion() - 1))));
        } catch (ConditionalCheckFailedException e) {
            throw DomainException.conflict("venue-changed", "venue " + venue.id() + " got another layout meanwhile");
        }
    }

    @Override
    public Optional<Venue> find(String venueId) {
        Map<String, AttributeValue> item = dynamo.getItem(r -> r.tableName(table)
                .key(Map.of("pk", s(CatalogKeys.venue(venueId)), "sk", s(CatalogKeys.META)))).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Venue(venueId, Attr.str(item, "name"), Attr.str(item, "address"),
                (int) Attr.num(item, "layoutVersion"), (int) Attr.num(item, "seatCount")));
    }

    @Override
    public Optional<SeatLayout> layout(String venueId, int version) {
        List<Section> sections = new ArrayList<>();
        dynamo.queryPaginator(r -> r.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", s(CatalogKeys.venue(venueId)),
                                ":prefix", s(CatalogKeys.layoutPrefix(version)))))
                .items().forEach(item -> sections.add(decodeSection(item)));
        return sections.isEmpty() ? Optional.empty() : Optional.of(SeatLayout.trusted(sections));
    }

    private void writeLayout(String venueId, int version, SeatLayout layout) {
        List<WriteRequest> writes = new ArrayList<>();
        List<Section> sections = layout.sections();
        for (int i = 0; i < sections.size(); i++) {
            Section section = sections.get(i);
            Map<String, AttributeValue> item = new HashMap<>();
            item.put("pk", s(CatalogKeys.venue(venueId)));
            item.put("sk", s(CatalogKeys.layoutSection(version, i)));
            item.put("sectionId", s(section.id()));
            item.put("name", s(section.name()));
            item.put("seats", s(encodeSeats(section.seats())));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
        }
        BatchWrites.writeAll(dynamo, table, writes);
    }

    private Map<String, AttributeValue> venueItem(Venue venue) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", s(CatalogKeys.venue(venue.id())));
        item.put("sk", s(CatalogKeys.META));
        item.put("name", s(venue.name()));
        if (venue.address() != null) {
            item.put("address", s(venue.address()));
        }
        item.put("layoutVersion", n(venue.layoutVersion()));
        item.put("seatCount", n(venue.seatCount()));
        return item;
    }

    /** "row|number|x|y" per seat, one per line: a 5,000-seat section stays far below the 400 KB item limit. */
    static String encodeSeats(List<Seat> seats) {
        StringBuilder sb = new StringBuilder(seats.size() * 16);
        for (Seat seat : seats) {
            sb.append(seat.row()).append('|').append(seat.number()).append('|').append(seat.x()).append('|')
                    .append(seat.y()).append('\n');
        }
        return sb.toString();
    }

    static Section decodeSection(Map<String, AttributeValue> item) {
        String sectionId = Attr.str(item, "sectionId");
        List<Seat> seats = new ArrayList<>();
        for (String line : Attr.str(item, "seats").split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\\|");
            int number = Integer.parseInt(f[1]);
            seats.add(new Seat(Seat.idOf(sectionId, f[0], number), sectionId, f[0], number,
                    Integer.parseInt(f[2]), Integer.parseInt(f[3])));
        }
        return new Section(sectionId, Attr.str(item, "name"), seats);
    }
}
