package dev.madang.domain.notification;

import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What each message type says, in Korean and in English. A fan is told in their account's language when it has one
 * this table speaks, else in Korean; a type without a Korean text falls back to English, so a new type can ship
 * before its translation. Placeholders are {@code {name}}: the message's facts, with {@code {performance}} looked up
 * by the message's ids, {@code {amount}} as money and times in Seoul time.
 */
public final class NotificationTemplates {

    public enum Language { KO, EN }

    /** A title (the e-mail's subject, the inbox line's heading) and a body, before placeholders are filled. */
    public record Template(String title, String body) {
    }

    /** The filled-in title and body. */
    public record Rendered(String title, String body) {
    }

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-zA-Z]+)}");
    private static final Map<NotificationType, Map<Language, Template>> TEXTS = new EnumMap<>(NotificationType.class);

    static {
        text(NotificationType.BOOKING_CONFIRMED,
                new Template("예매가 확정되었습니다: {performance}", "{performance} 예매가 확정되었습니다. 티켓 {tickets}매는 "
                        + "마이페이지의 내 티켓에서 확인할 수 있습니다."),
                new Template("Your booking is confirmed: {performance}", "Your booking for {performance} is confirmed. "
                        + "Your {tickets} ticket(s) are under My tickets in My page."));
        text(NotificationType.DEPOSIT_WAITING,
                new Template("입금을 기다리고 있습니다: {performance}", "{performance} 예매 금액 {amount}을 {dueAt}까지 "
                        + "가상계좌({bank} {accountNumber})로 입금해 주세요. 기한이 지나면 예매가 취소됩니다."),
                new Template("Waiting for your deposit: {performance}", "Please deposit {amount} for {performance} to "
                        + "the virtual account ({bank} {accountNumber}) by {dueAt}. After that the booking is cancelled."));
        text(NotificationType.ORDER_CLOSED,
                new Template("주문이 취소되었습니다: {performance}", "{performance} 주문이 취소되었습니다 ({reason}). "
                        + "결제된 금액이 있다면 전액 환불됩니다."),
                new Template("Your order was closed: {performance}", "Your order for {performance} was closed "
                        + "({reason}). Anything already paid is refunded in full."));
        text(NotificationType.TICKET_REFUNDED,
                new Template("티켓이 취소되었습니다: {performance}", "{performance} 티켓 1매가 취소되어 {amount}이 "
                        + "환불됩니다."),
                new Template("Your ticket was cancelled: {performance}", "A ticket for {performance} was cancelled; "
                        + "{amount} is refunded."));
        text(NotificationType.ROUND_CANCELLED_REFUNDED,
                new Template("공연이 취소되어 환불되었습니다: {performance}", "{performance} 회차가 취소되어 티켓 "
                        + "{tickets}매의 금액 {refund}이 수수료 없이 환불되었습니다."),
                new Template("Performance cancelled, refunded: {performance}", "The {performance} performance was "
                        + "cancelled: {refund} for {tickets} ticket(s) was refunded with no fee."));
        text(NotificationType.LOTTERY_WON,
                new Template("추첨에 당첨되었습니다: {performance}", "{performance} 추첨에 당첨되었습니다. {amount}을 "
                        + "{payBy}까지 결제해 주세요."),
                new Template("You won the draw: {performance}", "You won the draw for {performance}. Please pay "
                        + "{amount} by {payBy}."));
        text(NotificationType.LOTTERY_LOST,
                new Template("추첨 결과 안내: {performance}", "아쉽게도 {performance} 추첨에 당첨되지 않았습니다. "
                        + "남은 재추첨: {redrawsLeft}회."),
                new Template("Draw result: {performance}", "Sorry, you were not drawn for {performance}. Redraws "
                        + "left: {redrawsLeft}."));
        text(NotificationType.TRANSFER_ACCEPTED,
                new Template("양도 요청이 수락되었습니다", "양도 요청이 수락되었습니다. 주문에서 결제를 마치면 티켓이 "
                        + "넘어옵니다."),
                new Template("Your transfer request was accepted", "Your transfer request was accepted. Pay the order "
                        + "and the ticket is yours."));
        text(NotificationType.TRANSFER_COMPLETED,
                new Template("양도가 완료되었습니다", "티켓 양도가 완료되었습니다. 마이페이지에서 확인하세요."),
                new Template("The transfer is complete", "The ticket transfer is complete; see My page."));
        text(NotificationType.WAITLIST_SEATS_FREED,
                new Template("기다리던 좌석이 나왔습니다: {performance}", "{performance}의 {grade}석 {partySize}매를 "
                        + "지금 예매할 수 있습니다. 먼저 잡는 분이 예매합니다."),
                new Template("Seats you waited for are back: {performance}", "{partySize} {grade} seat(s) for "
                        + "{performance} are on sale again. First come, first served."));
        text(NotificationType.GENRE_PERFORMANCE_SCHEDULED,
                new Template("새 공연이 등록되었습니다: {performance}", "관심 장르({genre})의 새 공연 {performance}이(가) "
                        + "등록되었습니다."),
                new Template("New performance: {performance}", "A new {genre} performance, {performance}, is "
                        + "scheduled."));
        text(NotificationType.GENRE_SALE_OPENING,
                new Template("예매가 곧 열립니다: {performance}", "관심 장르({genre})의 {performance} 예매가 {opensAt}에 "
                        + "열립니다."),
                new Template("Sale opening soon: {performance}", "Tickets for {performance} ({genre}) go on sale at "
                        + "{opensAt}."));
    }

    private static void text(NotificationType type, Template korean, Template english) {
        Map<Language, Template> byLanguage = new EnumMap<>(Language.class);
        if (korean != null) {
            byLanguage.put(Language.KO, korean);
        }
        byLanguage.put(Language.EN, english);
        TEXTS.put(type, byLanguage);
    }

    private NotificationTemplates() {
    }

    /** The language an account's setting names (ISO 639-1, any case), Korean when it names none this table has. */
    public static Language language(String accountLanguage) {
        return accountLanguage != null && accountLanguage.strip().toLowerCase(Locale.ROOT).startsWith("en")
                ? Language.EN : Language.KO;
    }

    /** The template for a type in a language, English when that language has none. */
    public static Template template(NotificationType type, Language language) {
        Map<Language, Template> texts = TEXTS.get(type);
        if (texts == null) {
            throw new UndeliverableNotification("no template for " + type);
        }
        return Optional.ofNullable(texts.get(language)).orElse(texts.get(Language.EN));
    }

    /** Fills the template's placeholders; a fact the message lacks is left out, never shown as "null". */
    public static Rendered render(NotificationType type, Language language, NotificationMessage message,
                                  String performanceTitle) {
        Template template = template(type, language);
        return new Rendered(fill(template.title(), language, message, performanceTitle),
                fill(template.body(), language, message, performanceTitle));
    }

    private static String fill(String text, Language language, NotificationMessage message, String performance) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(value(m.group(1), language, message, performance)));
        }
        m.appendTail(out);
        // an optional fact left out (a virtual account's bank) must not leave "( )" or a double space behind
        return out.toString().replaceAll(" {2,}", " ").replace("( )", "").replace("()", "").replace(" .", ".")
                .strip();
    }

    private static String value(String name, Language language, NotificationMessage message, String performance) {
        if (name.equals("performance")) {
            return performance != null ? performance : language == Language.KO ? "공연" : "your performance";
        }
        if (name.equals("amount") || name.equals("refund")) {
            Long won = message.number(name);
            return won == null ? "" : money(won, language);
        }
        String value = message.text(name);
        if (value == null) {
            return "";
        }
        if (name.endsWith("At") || name.equals("payBy")) {
            return seoulTime(value, language);
        }
        return value;
    }

    static String money(long won, Language language) {
        String digits = NumberFormat.getIntegerInstance(Locale.US).format(won);
        return language == Language.KO ? digits + "원" : "₩" + digits;
    }

    private static String seoulTime(String iso, Language language) {
        try {
            Instant at = Instant.parse(iso);
            return DateTimeFormatter.ofPattern(language == Language.KO ? "yyyy년 M월 d일 HH:mm" : "d MMM yyyy HH:mm",
                    language == Language.KO ? Locale.KOREAN : Locale.ENGLISH).withZone(SEOUL).format(at)
                    + (language == Language.KO ? " (한국 시간)" : " (Korea time)");
        } catch (DateTimeParseException notAnInstant) {
            return iso;
        }
    }
}
