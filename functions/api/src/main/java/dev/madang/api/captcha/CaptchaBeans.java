package dev.madang.api.captcha;

import dev.madang.api.account.CurrentSigningKeys;
import dev.madang.api.ticket.PublishedKeys;
import dev.madang.aws.captcha.DynamoCaptchas;
import dev.madang.domain.captcha.CaptchaPasses;
import dev.madang.domain.captcha.CaptchaRules;
import dev.madang.domain.captcha.ConsumingPasses;
import dev.madang.domain.captcha.IssuingChallenges;
import dev.madang.domain.captcha.SolvingPuzzles;
import dev.madang.domain.common.Ids;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Wires the puzzle captcha (docs/captcha.md). Passes are signed with the API's signing keys, asked for only when a
 * puzzle is solved (so only the captcha function reads the signing secret), and verified with the published JWKS,
 * as ticket codes are: a route that only consumes passes needs no secret.
 */
@ApplicationScoped
public class CaptchaBeans {

    @Produces
    @Singleton
    DynamoCaptchas captchas(DynamoDbClient dynamo, @ConfigProperty(name = "madang.tables.accounts") String table) {
        return new DynamoCaptchas(dynamo, table);
    }

    @Produces
    @Singleton
    CaptchaPasses passes(Instance<CurrentSigningKeys> signing, PublishedKeys keys) {
        return new JwsCaptchaPasses(() -> signing.get().current(), keys);
    }

    @Produces
    @Singleton
    IssuingChallenges issuing(DynamoCaptchas captchas, Ids ids, Clock clock) {
        return new IssuingChallenges(captchas.challenges(), new SliderPuzzleImages(), ids, clock, CaptchaRules.DEFAULT,
                new SecureRandom());
    }

    @Produces
    @Singleton
    SolvingPuzzles solving(DynamoCaptchas captchas, CaptchaPasses passes, Ids ids, Clock clock) {
        return new SolvingPuzzles(captchas.challenges(), passes, ids, clock, CaptchaRules.DEFAULT);
    }

    /** The check the waiting room and the hold routes make: inject it and call {@code consume}. */
    @Produces
    @Singleton
    ConsumingPasses consuming(CaptchaPasses passes, DynamoCaptchas captchas, Clock clock) {
        return new ConsumingPasses(passes, captchas.spentPasses(), clock);
    }
}
