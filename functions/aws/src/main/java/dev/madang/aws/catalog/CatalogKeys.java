package dev.madang.aws.catalog;

/**
 * Keys of the catalog table (single-table design). Access patterns:
 * <pre>
 * | pattern                              | key condition                                   | index |
 * |--------------------------------------|-------------------------------------------------|-------|
 * | venue by id                          | pk = VENUE#id, sk = META                        | table |
 * | a venue's layout version             | pk = VENUE#id, sk begins_with LAYOUT#v00002#    | table |
 * | performance by id                    | pk = PERF#id, sk = META                         | table |
 * | performances by first round date     | gsi1pk = PERFS, gsi1sk <= date (sparse: only    | gsi1  |
 * |   (list, date and status filters)    |   scheduled performances carry gsi1pk)          |       |
 * | performances whose title has a gram  | pk = GRAM#레미, sk begins_with PERF#            | table |
 * | round by id                          | pk = ROUND#id, sk = META                        | table |
 * | rounds of a performance, by time     | gsi1pk = PERF#id, gsi1sk begins_with ROUND#     | gsi1  |
 * </pre>
 * Catalog writes are rare (organisers), reads are cached by the viewers' use cases, and no path scans.
 */
final class CatalogKeys {

    static final String META = "META";
    static final String LISTING = "PERFS";
    static final String GSI1 = "gsi1";

    private CatalogKeys() {
    }

    static String venue(String id) {
        return "VENUE#" + id;
    }

    static String layoutPrefix(int version) {
        return String.format("LAYOUT#v%05d#", version);
    }

    static String layoutSection(int version, int ordinal) {
        return layoutPrefix(version) + String.format("%04d", ordinal);
    }

    static String performance(String id) {
        return "PERF#" + id;
    }

    static String gram(String gram) {
        return "GRAM#" + gram;
    }

    static String round(String id) {
        return "ROUND#" + id;
    }
}
