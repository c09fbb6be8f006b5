package dev.madang.domain.account.social;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SocialProfileTest {

    @Test
    void providers_are_found_by_their_exact_path_name() {
        assertThat(SocialProvider.fromPath("kakao")).contains(SocialProvider.KAKAO);
        assertThat(SocialProvider.fromPath("naver")).contains(SocialProvider.NAVER);
        assertThat(SocialProvider.KAKAO.pathName()).isEqualTo("kakao");
        assertThat(SocialProvider.fromPath("Kakao")).isEmpty();
        assertThat(SocialProvider.fromPath("google")).isEmpty();
        assertThat(SocialProvider.fromPath(null)).isEmpty();
    }

    @Test
    void the_email_is_kept_in_its_stored_form() {
        SocialProfile profile = new SocialProfile(SocialProvider.KAKAO, "123", " Fan@Example.COM", "팬");

        assertThat(profile.email()).isEqualTo("fan@example.com");
    }

    @Test
    void email_and_nickname_may_be_absent_and_a_blank_nickname_is_absent() {
        SocialProfile profile = new SocialProfile(SocialProvider.NAVER, "abc", null, "  ");

        assertThat(profile.email()).isNull();
        assertThat(profile.nickname()).isNull();
    }

    @Test
    void a_profile_needs_the_provider_user_id() {
        assertThatThrownBy(() -> new SocialProfile(SocialProvider.KAKAO, " ", null, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SocialProfile(SocialProvider.KAKAO, null, null, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    void a_malformed_email_is_refused_without_being_echoed() {
        assertThatThrownBy(() -> new SocialProfile(SocialProvider.KAKAO, "1", "not-an-address", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not-an-address");
    }

    @Test
    void to_string_masks_personal_data() {
        SocialProfile profile = new SocialProfile(SocialProvider.KAKAO, "4242", "fan.kim@example.com", "김철수");

        assertThat(profile.toString())
                .contains("KAKAO", "4242", "f***@e***.com", "김***")
                .doesNotContain("fan.kim", "example", "철수");
        assertThat(new SocialProfile(SocialProvider.NAVER, "x", null, null).toString())
                .contains("email=null", "nickname=null");
    }
}
