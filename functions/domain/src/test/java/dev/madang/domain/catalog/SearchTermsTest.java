package dev.madang.domain.catalog;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.CharRange;

import static org.assertj.core.api.Assertions.assertThat;

class SearchTermsTest {

    /** Whatever a fan types that occurs in a title, the title's index holds every gram the query looks up. */
    @Property(tries = 300)
    void every_substring_of_a_title_is_found_by_the_index(
            @ForAll @StringLength(min = 1, max = 20) @CharRange(from = '가', to = '힣') @Chars({' ', 'a', 'B', '1'}) String title,
            @ForAll @IntRange(min = 0, max = 19) int start, @ForAll @IntRange(min = 1, max = 8) int length) {
        String normalised = SearchTerms.normalise(title);
        if (normalised.isEmpty()) {
            return;
        }
        int s = Math.min(start, normalised.length() - 1);
        String query = normalised.substring(s, Math.min(normalised.length(), s + length));
        assertThat(SearchTerms.indexGrams(title)).containsAll(SearchTerms.queryGrams(query));
        assertThat(SearchTerms.matches(title, query)).isTrue();
    }

    @Example
    void korean_prefix_finds_the_musical() {
        assertThat(SearchTerms.matches("레미제라블", "레미제")).isTrue();
        assertThat(SearchTerms.indexGrams("레미제라블")).containsAll(SearchTerms.queryGrams("레미제"));
        assertThat(SearchTerms.matches("뮤지컬 〈레미제라블〉", "레미 제라")).isTrue();
        assertThat(SearchTerms.matches("레미제라블", "오페라")).isFalse();
    }

    @Example
    void decomposed_hangul_matches_composed() {
        String decomposed = java.text.Normalizer.normalize("레미제", java.text.Normalizer.Form.NFD);
        assertThat(SearchTerms.matches("레미제라블", decomposed)).isTrue();
    }
}
