package dev.madang.domain.exhibition;

import dev.madang.domain.catalog.Section;
import dev.madang.domain.common.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchedulingEntrySlotsTest {

    static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    static final LocalDate DAY = LocalDate.of(2026, 12, 10);

    static SchedulingEntrySlots.SlotPlan every(int minutes, String opens, String closes, LocalDate... days) {
        return new SchedulingEntrySlots.SlotPlan(List.of(days), LocalTime.parse(opens), LocalTime.parse(closes),
                minutes, null, 300, 15_000L, 4, null);
    }

    @Test
    void a_slot_starts_every_length_from_opening_while_it_starts_before_closing_in_korea_time() {
        List<Instant> starts = SchedulingEntrySlots.validate(every(90, "10:00", "14:00", DAY.plusDays(1), DAY), NOW);
        // 10:00, 11:30, 13:00 KST on each day, days in order
        assertThat(starts).containsExactly(Instant.parse("2026-12-10T01:00:00Z"), Instant.parse("2026-12-10T02:30:00Z"),
                Instant.parse("2026-12-10T04:00:00Z"), Instant.parse("2026-12-11T01:00:00Z"),
                Instant.parse("2026-12-11T02:30:00Z"), Instant.parse("2026-12-11T04:00:00Z"));
    }

    @Test
    void explicit_slot_times_are_taken_as_given_in_order() {
        SchedulingEntrySlots.SlotPlan plan = new SchedulingEntrySlots.SlotPlan(List.of(DAY), null, null, null,
                List.of(LocalTime.of(15, 0), LocalTime.of(11, 0)), 50, 0L, 2, null);
        assertThat(SchedulingEntrySlots.validate(plan, NOW)).containsExactly(Instant.parse("2026-12-10T02:00:00Z"),
                Instant.parse("2026-12-10T06:00:00Z"));
    }

    @Test
    void a_bad_plan_names_its_field_and_too_many_or_past_slots_break_a_rule() {
        assertThatThrownBy(() -> SchedulingEntrySlots.validate(every(5, "10:00", "12:00", DAY), NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.errors().get(0).field())
                        .isEqualTo("slotMinutes"));
        assertThatThrownBy(() -> SchedulingEntrySlots.validate(every(60, "12:00", "10:00", DAY), NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.errors().get(0).field())
                        .isEqualTo("closesAt"));
        // 14 slots a day for 15 days: 210 > 200
        LocalDate[] days = new LocalDate[15];
        for (int i = 0; i < days.length; i++) {
            days[i] = DAY.plusDays(i);
        }
        assertThatThrownBy(() -> SchedulingEntrySlots.validate(every(60, "08:00", "22:00", days), NOW))
                .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo("invalid-slots"));
        assertThatThrownBy(() -> SchedulingEntrySlots.validate(every(60, "10:00", "12:00", LocalDate.of(2026, 11, 30)),
                NOW)).isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.type()).isEqualTo("invalid-slots"));
    }

    @Test
    void the_entry_hall_has_one_entry_per_unit_of_quota_in_rows_of_25() {
        List<Section> hall = EntrySlots.hall(60);
        assertThat(hall).hasSize(1);
        assertThat(hall.get(0).id()).isEqualTo(EntrySlots.SECTION);
        assertThat(hall.get(0).seats()).hasSize(60);
        assertThat(hall.get(0).seats().stream().map(s -> s.row()).distinct()).containsExactly("1", "2", "3");
        assertThat(hall.get(0).seats().get(59).id()).isEqualTo("ENTRY-3-10");
    }
}
