package dev.madang.domain.catalog;

/**
 * One seat of a venue's layout. Its id is a label unique within the layout ("A-3-12": section, row, number) so
 * that people and logs can read it; x/y place it on the drawn map.
 */
public record Seat(String id, String sectionId, String row, int number, int x, int y) {

    public static String idOf(String sectionId, String row, int number) {
        return sectionId + "-" + row + "-" + number;
    }
}
