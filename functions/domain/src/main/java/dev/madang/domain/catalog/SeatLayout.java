package dev.madang.domain.catalog;

import dev.madang.domain.common.Violations;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The seats of a venue, section by section, in a fixed order. That order gives every seat an index, which the seat
 * map snapshot uses as its bit position, so a layout is never edited in place: a new layout is a new version.
 */
public final class SeatLayout {

    public static final int MAX_SEATS = 60_000;
    public static final int MAX_SEATS_PER_SECTION = 5_000;
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9가-힣]{1,12}");

    private final List<Section> sections;
    private final Map<String, Integer> indexBySeatId;
    private final Map<String, Section> sectionById;
    private final List<Seat> seats;

    private SeatLayout(List<Section> sections) {
        this.sections = List.copyOf(sections);
        Map<String, Integer> index = new HashMap<>();
        Map<String, Section> byId = new LinkedHashMap<>();
        List<Seat> all = new ArrayList<>();
        for (Section section : this.sections) {
            byId.put(section.id(), section);
            for (Seat seat : section.seats()) {
                index.put(seat.id(), all.size());
                all.add(seat);
            }
        }
        this.indexBySeatId = Collections.unmodifiableMap(index);
        this.sectionById = Collections.unmodifiableMap(byId);
        this.seats = List.copyOf(all);
    }

    /**
     * Checks a proposed layout and builds it. Duplicate sections or seats, unreadable labels and empty sections are
     * reported together (422), so an admin fixes an imported file in one pass.
     */
    public static SeatLayout of(List<Section> sections) {
        Violations v = new Violations();
        if (sections == null || sections.isEmpty()) {
            v.add("sections", "a layout needs at least one section");
            v.throwIfRuleViolated("invalid-layout", "the seat layout is not valid");
        }
        Set<String> sectionIds = new HashSet<>();
        Set<String> seatIds = new HashSet<>();
        Set<String> positions = new HashSet<>();
        int total = 0;
        for (int s = 0; s < sections.size(); s++) {
            Section section = sections.get(s);
            String field = "sections[" + s + "]";
            if (section.id() == null || !LABEL.matcher(section.id()).matches()) {
                v.add(field + ".id", "a section id is 1-12 letters or digits");
                continue;
            }
            if (!sectionIds.add(section.id())) {
                v.add(field + ".id", "duplicate section " + section.id());
            }
            v.check(section.name() != null && !section.name().isBlank() && section.name().length() <= 60,
                    field + ".name", "a section needs a name of at most 60 characters");
            if (section.seats().isEmpty()) {
                v.add(field + ".seats", "section " + section.id() + " has no seats");
            }
            if (section.seats().size() > MAX_SEATS_PER_SECTION) {
                v.add(field + ".seats", "a section holds at most " + MAX_SEATS_PER_SECTION + " seats");
            }
            total += section.seats().size();
            for (Seat seat : section.seats()) {
                if (seat.row() == null || !LABEL.matcher(seat.row()).matches()) {
                    v.add(field + ".seats", "seat " + seat.id() + ": a row label is 1-12 letters or digits");
                    continue;
                }
                if (seat.number() < 1 || seat.number() > 9_999) {
                    v.add(field + ".seats", "seat " + seat.id() + ": a seat number is 1-9999");
                }
                if (!seat.id().equals(Seat.idOf(section.id(), seat.row(), seat.number()))) {
                    v.add(field + ".seats", "seat " + seat.id() + " does not belong to section " + section.id());
                }
                if (!seatIds.add(seat.id())) {
                    v.add(field + ".seats", "duplicate seat " + seat.id());
                }
                if (!positions.add(seat.x() + "," + seat.y())) {
                    v.add(field + ".seats", "seat " + seat.id() + " sits on the same spot as another seat ("
                            + seat.x() + "," + seat.y() + ")");
                }
                if (v.errors().size() > 50) {
                    break; // enough to fix the file; do not build a megabyte of errors
                }
            }
        }
        v.check(total <= MAX_SEATS, "sections", "a venue holds at most " + MAX_SEATS + " seats");
        v.throwIfRuleViolated("invalid-layout", "the seat layout is not valid");
        return new SeatLayout(sections);
    }

    /** Rebuilds a layout that was validated when it was stored. */
    public static SeatLayout trusted(List<Section> sections) {
        return new SeatLayout(sections);
    }

    public List<Section> sections() {
        return sections;
    }

    public List<Seat> seats() {
        return seats;
    }

    public int seatCount() {
        return seats.size();
    }

    public Optional<Section> section(String sectionId) {
        return Optional.ofNullable(sectionById.get(sectionId));
    }

    public Optional<Seat> seat(String seatId) {
        Integer i = indexBySeatId.get(seatId);
        return i == null ? Optional.empty() : Optional.of(seats.get(i));
    }

    /** The seat's position in layout order: its bit in a seat map snapshot. */
    public int indexOf(String seatId) {
        Integer i = indexBySeatId.get(seatId);
        if (i == null) {
            throw new IllegalArgumentException("no seat " + seatId);
        }
        return i;
    }
}
