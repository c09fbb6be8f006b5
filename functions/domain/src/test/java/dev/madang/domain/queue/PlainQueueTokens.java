package dev.madang.domain.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * Tokens as plain text, for the line's rules: the signing adapter (JWS, tested with the API) is not what these tests
 * are about. A tampered text does not parse, as a bad signature does not verify.
 */
final class PlainQueueTokens implements QueueTokens {

    @Override
    public String signPlace(QueuePlace p) {
        return "place|" + p.roundId() + "|" + p.userId() + "|" + p.second() + "|" + p.offset() + "|" + p.enteredAt();
    }

    @Override
    public Optional<QueuePlace> readPlace(String token) {
        String[] f = token.split("\\|");
        if (f.length != 6 || !f[0].equals("place")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new QueuePlace(f[1], f[2], Long.parseLong(f[3]), Double.parseDouble(f[4]),
                    Instant.parse(f[5])));
        } catch (RuntimeException tampered) {
            return Optional.empty();
        }
    }

    @Override
    public String signAdmission(RoomAdmission a) {
        return "admission|" + a.userId() + "|" + a.roundId() + "|" + a.expiresAt();
    }

    @Override
    public Optional<RoomAdmission> readAdmission(String token) {
        String[] f = token.split("\\|");
        if (f.length != 4 || !f[0].equals("admission")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RoomAdmission(f[1], f[2], Instant.parse(f[3])));
        } catch (java.time.DateTimeException tampered) {
            return Optional.empty();
        }
    }
}
