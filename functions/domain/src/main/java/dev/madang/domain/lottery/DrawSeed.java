package dev.madang.domain.lottery;

import java.time.Instant;

/**
 * The seed of one draw (1, or a redraw 2..) and its commitment (hex SHA-256 of the seed). The seed is secret until the
 * lottery is revealed: only {@link RunningLottery} reads it (to draw); views show the commitment alone until then.
 */
public record DrawSeed(int drawNumber, String commitment, byte[] seed, Instant committedAt) {
}
