package dev.madang.domain.captcha;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory stand-ins for the captcha's ports; the real ones are tested over HTTP (CaptchaApiTest). */
final class CaptchaFakes {

    private CaptchaFakes() {
    }

    static final class FakeChallenges implements Challenges {

        final Map<String, Challenge> saved = new ConcurrentHashMap<>();
        final Set<String> answered = ConcurrentHashMap.newKeySet();

        @Override
        public void save(Challenge challenge) {
            saved.put(challenge.challengeId(), challenge);
        }

        @Override
        public synchronized Take take(String challengeId, String accountId, Instant at) {
            Challenge c = saved.get(challengeId);
            if (c == null || !c.accountId().equals(accountId)) {
                return new Take(Outcome.NO_SUCH_CHALLENGE, null);
            }
            return answered.add(challengeId) ? new Take(Outcome.TAKEN, c) : new Take(Outcome.ALREADY_ANSWERED, null);
        }
    }

    /** "Signs" by keeping the claims under a made-up token; anything else does not verify. */
    static final class FakePasses implements CaptchaPasses {

        final Map<String, CaptchaPass> signed = new ConcurrentHashMap<>();

        @Override
        public String sign(CaptchaPass pass) {
            String token = "pass." + pass.passId();
            signed.put(token, pass);
            return token;
        }

        @Override
        public Optional<CaptchaPass> verify(String compact) {
            return Optional.ofNullable(signed.get(compact));
        }
    }

    static final class FakeSpentPasses implements SpentPasses {

        final Set<String> spent = ConcurrentHashMap.newKeySet();

        @Override
        public boolean spend(String passId, Instant expiresAt) {
            return spent.add(passId);
        }
    }

    static final class FakeImages implements PuzzleImages {

        @Override
        public Drawn draw(SliderPuzzle puzzle) {
            return new Drawn(new byte[]{1}, new byte[]{2});
        }
    }
}
