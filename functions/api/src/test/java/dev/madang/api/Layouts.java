package dev.madang.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Layout request bodies of a given size: sections × rows × seats, on a grid. */
final class Layouts {

    private Layouts() {
    }

    static Map<String, Object> grid(int sections, int rows, int seatsPerRow) {
        List<Object> sectionList = new ArrayList<>();
        for (int s = 0; s < sections; s++) {
            String id = String.valueOf((char) ('A' + s));
            List<Object> rowList = new ArrayList<>();
            for (int r = 1; r <= rows; r++) {
                List<Object> seats = new ArrayList<>();
                for (int n = 1; n <= seatsPerRow; n++) {
                    seats.add(Map.of("number", n, "x", s * 10_000 + n * 10, "y", r * 10));
                }
                rowList.add(Map.of("label", String.valueOf(r), "seats", seats));
            }
            sectionList.add(Map.of("id", id, "name", id + "구역", "rows", rowList));
        }
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("sections", sectionList);
        return layout;
    }

    static Map<String, Object> plans(int sections, String mode, String grade) {
        Map<String, Object> plans = new LinkedHashMap<>();
        for (int s = 0; s < sections; s++) {
            plans.put(String.valueOf((char) ('A' + s)), Map.of("mode", mode, "grade", grade));
        }
        return plans;
    }
}
