package dev.madang.domain.notification;

import dev.madang.domain.notification.NotificationTemplates.Language;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotificationTemplatesTest {

    @Test
    void every_type_speaks_korean_and_english_and_leaves_no_placeholder_or_null() {
        for (NotificationType type : NotificationType.values()) {
            for (Language language : Language.values()) {
                NotificationTemplates.Rendered r = NotificationTemplates.render(type, language,
                        new NotificationMessage(type.name(), "a", Map.of()), null);
                assertThat(r.title() + r.body()).as(type + " " + language).doesNotContain("{").doesNotContain("null")
                        .doesNotContain("( )").isNotBlank();
            }
        }
    }

    @Test
    void facts_fill_the_text_with_money_and_seoul_time() {
        NotificationMessage deposit = new NotificationMessage("DEPOSIT_WAITING", "a", Map.of("orderId", "o",
                "amount", 154000, "bank", "신한", "accountNumber", "123-456", "dueAt", "2026-12-04T15:00:00Z"));
        NotificationTemplates.Rendered ko = NotificationTemplates.render(NotificationType.DEPOSIT_WAITING, Language.KO,
                deposit, "오페라의 유령");
        assertThat(ko.title()).isEqualTo("입금을 기다리고 있습니다: 오페라의 유령");
        assertThat(ko.body()).contains("154,000원").contains("2026년 12월 5일 00:00 (한국 시간)").contains("신한 123-456");
        NotificationTemplates.Rendered en = NotificationTemplates.render(NotificationType.DEPOSIT_WAITING, Language.EN,
                deposit, null);
        assertThat(en.body()).contains("₩154,000").contains("5 Dec 2026 00:00 (Korea time)")
                .contains("your performance");
        // without the bank, no empty brackets
        NotificationTemplates.Rendered bare = NotificationTemplates.render(NotificationType.DEPOSIT_WAITING,
                Language.KO, new NotificationMessage("DEPOSIT_WAITING", "a", Map.of("orderId", "o")), "X");
        assertThat(bare.body()).doesNotContain("()").doesNotContain("  ");
    }

    @Test
    void the_language_is_the_accounts_when_spoken_else_korean() {
        assertThat(NotificationTemplates.language("en-US")).isEqualTo(Language.EN);
        assertThat(NotificationTemplates.language("ja")).isEqualTo(Language.KO);
        assertThat(NotificationTemplates.language(null)).isEqualTo(Language.KO);
    }

    @Test
    void the_delivery_key_is_the_type_the_fan_and_the_identifying_ids() {
        NotificationMessage won = new NotificationMessage("LOTTERY_WON", "fan", Map.of("entryId", "e", "drawNumber", 2,
                "roundId", "r", "amount", 1000));
        assertThat(NotificationType.LOTTERY_WON.deliveryKey(won)).isEqualTo("LOTTERY_WON#fan#e#2");
        assertThatThrownBy(() -> NotificationType.of("NEVER_HEARD_OF"))
                .isInstanceOf(UndeliverableNotification.class);
        assertThatThrownBy(() -> NotificationType.BOOKING_CONFIRMED.deliveryKey(new NotificationMessage(
                "BOOKING_CONFIRMED", "fan", Map.of()))).isInstanceOf(UndeliverableNotification.class)
                .hasMessageContaining("orderId");
    }
}
