package dev.madang.api.catalog;

import dev.madang.domain.catalog.Seat;
import dev.madang.domain.catalog.Section;
import dev.madang.domain.common.Violations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A seat layout as organisers send it: sections of rows of seats with map coordinates, as JSON, or as CSV with the
 * header {@code section,sectionName,row,number,x,y}.
 */
public record LayoutBody(List<SectionBody> sections) {

    public record SectionBody(String id, String name, List<RowBody> rows) {
    }

    public record RowBody(String label, List<SeatBody> seats) {
    }

    public record SeatBody(Integer number, Integer x, Integer y) {
    }

    static final String CSV_HEADER = "section,sectionName,row,number,x,y";

    /** Missing parts are a malformed request (400); the layout's rules (duplicates…) are the domain's (422). */
    List<Section> toSections(String field) {
        Violations v = new Violations();
        if (sections == null || sections.isEmpty()) {
            v.add(field + ".sections", "at least one section");
            v.throwIfInvalid("the layout is malformed");
        }
        List<Section> out = new ArrayList<>();
        for (int s = 0; s < sections.size(); s++) {
            SectionBody section = sections.get(s);
            String sf = field + ".sections[" + s + "]";
            if (section == null || section.id() == null || section.rows() == null) {
                v.add(sf, "a section needs an id and rows");
                continue;
            }
            List<Seat> seats = new ArrayList<>();
            for (int r = 0; r < section.rows().size(); r++) {
                RowBody row = section.rows().get(r);
                String rf = sf + ".rows[" + r + "]";
                if (row == null || row.label() == null || row.seats() == null) {
                    v.add(rf, "a row needs a label and seats");
                    continue;
                }
                for (int i = 0; i < row.seats().size(); i++) {
                    SeatBody seat = row.seats().get(i);
                    if (seat == null || seat.number() == null || seat.x() == null || seat.y() == null) {
                        v.add(rf + ".seats[" + i + "]", "a seat needs number, x and y");
                        continue;
                    }
                    seats.add(new Seat(Seat.idOf(section.id(), row.label(), seat.number()), section.id(), row.label(),
                            seat.number(), seat.x(), seat.y()));
                }
            }
            out.add(new Section(section.id(), section.name(), seats));
        }
        v.throwIfInvalid("the layout is malformed");
        return out;
    }

    static LayoutBody fromSections(List<Section> sections) {
        List<SectionBody> out = new ArrayList<>();
        for (Section section : sections) {
            Map<String, List<SeatBody>> rows = new LinkedHashMap<>();
            for (Seat seat : section.seats()) {
                rows.computeIfAbsent(seat.row(), k -> new ArrayList<>()).add(new SeatBody(seat.number(), seat.x(), seat.y()));
            }
            List<RowBody> rowBodies = new ArrayList<>();
            rows.forEach((label, seats) -> rowBodies.add(new RowBody(label, seats)));
            out.add(new SectionBody(section.id(), section.name(), rowBodies));
        }
        return new LayoutBody(out);
    }

    /** Parses the CSV form; the order of first appearance fixes the order of sections and seats. */
    static List<Section> parseCsv(String csv) {
        Violations v = new Violations();
        String[] lines = csv == null ? new String[0] : csv.strip().split("\r?\n");
        if (lines.length < 2 || !lines[0].strip().replace("\uFEFF", "").equals(CSV_HEADER)) {
            v.add("body", "CSV must start with the header " + CSV_HEADER + " and have at least one seat");
            v.throwIfInvalid("the layout CSV is malformed");
        }
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, List<Seat>> seats = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 6) {
                v.add("line " + (i + 1), "expected 6 fields, found " + f.length);
                continue;
            }
            try {
                String section = f[0].strip();
                int number = Integer.parseInt(f[3].strip());
                names.putIfAbsent(section, f[1].strip());
                seats.computeIfAbsent(section, k -> new ArrayList<>()).add(new Seat(
                        Seat.idOf(section, f[2].strip(), number), section, f[2].strip(), number,
                        Integer.parseInt(f[4].strip()), Integer.parseInt(f[5].strip())));
            } catch (NumberFormatException e) {
                v.add("line " + (i + 1), "number, x and y must be whole numbers");
            }
            if (v.errors().size() > 50) {
                break;
            }
        }
        v.throwIfInvalid("the layout CSV is malformed");
        List<Section> out = new ArrayList<>();
        seats.forEach((id, list) -> out.add(new Section(id, names.get(id), list)));
        return out;
    }
}
