package dev.madang.domain.community;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalDataTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "공연 끝나고 잠실역까지 택시 같이 타실 분 010-1234-5678 문자주세요 | PHONE_NUMBER",
            "연락처 01012345678 | PHONE_NUMBER",
            "010 1234 5678 로 연락 | PHONE_NUMBER",
            "+82 10-9876-5432 | PHONE_NUMBER",
            "사무실 02-345-6789 | PHONE_NUMBER",
            "입금은 국민 123456-01-234567 로 | ACCOUNT_NUMBER",
            "신한 110-123-456789 | ACCOUNT_NUMBER",
            "계좌 3333012345678 카카오뱅크 | ACCOUNT_NUMBER",
            "주민번호 900101-1234567 | RESIDENT_NUMBER",
            "메일 fan.kim@example.com 으로 | EMAIL",
            "010-1234-5678, 신한 110-123-456789 | PHONE_NUMBER ACCOUNT_NUMBER",
            "굿즈 2개 남았어요, 1시 30분에 A구역 앞에서 | ''",
            "좌석 F1-12-34 근처입니다 | ''",
            "2026-12-24 공연 19:30 | ''",
            "티켓 가격 150,000원 | ''"})
    void finds_the_kinds_of_personal_data_a_post_holds(String text, String kinds) {
        Set<PersonalData.Kind> expected = kinds.isBlank() ? Set.of() : Arrays.stream(kinds.split(" "))
                .map(PersonalData.Kind::valueOf).collect(Collectors.toSet());

        assertThat(PersonalData.find(text)).containsExactlyInAnyOrderElementsOf(expected);
    }
}
