package dev.madang.domain.catalog;

import dev.madang.domain.common.DomainException;
import dev.madang.domain.common.FieldError;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeatLayoutTest {

    static Section section(String id, int rows, int perRow) {
        List<Seat> seats = new ArrayList<>();
        for (int r = 1; r <= rows; r++) {
            for (int n = 1; n <= perRow; n++) {
                seats.add(new Seat(Seat.idOf(id, String.valueOf(r), n), id, String.valueOf(r), n, n * 10, r * 10 + id.hashCode() % 1000 * 1000));
            }
        }
        return new Section(id, "Section " + id, seats);
    }

    @Test
    void indexes_seats_in_section_order() {
        SeatLayout layout = SeatLayout.of(List.of(section("A", 2, 3), section("B", 1, 2)));
        assertThat(layout.seatCount()).isEqualTo(8);
        assertThat(layout.indexOf("A-1-1")).isZero();
        assertThat(layout.indexOf("B-1-2")).isEqualTo(7);
        assertThat(layout.seat("B-1-1")).get().extracting(Seat::sectionId).isEqualTo("B");
    }

    @Test
    void refuses_duplicate_seats_and_sections_all_at_once() {
        Section a = section("A", 1, 2);
        List<Seat> dup = new ArrayList<>(a.seats());
        dup.add(new Seat("A-1-1", "A", "1", 1, 999, 999));
        assertThatThrownBy(() -> SeatLayout.of(List.of(new Section("A", "A", dup), section("A", 1, 1))))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.RULE_VIOLATED);
                    assertThat(e.errors()).extracting(FieldError::reason)
                            .anyMatch(r -> r.contains("duplicate seat A-1-1"))
                            .anyMatch(r -> r.contains("duplicate section A"));
                });
    }

    @Test
    void refuses_empty_layouts_and_seats_named_for_another_section() {
        assertThatThrownBy(() -> SeatLayout.of(List.of())).isInstanceOf(DomainException.class);
        Section wrong = new Section("A", "A", List.of(new Seat("B-1-1", "A", "1", 1, 0, 0)));
        assertThatThrownBy(() -> SeatLayout.of(List.of(wrong)))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::reason).anyMatch(r -> r.contains("does not belong")));
    }
}
