/**
 * What the waiting room leaves in this tab for a round (sessionStorage: a place and an admission are one fan's, in one
 * tab's journey; a new tab enters again and the API answers the same place). Kept apart from the room's screen so the
 * seat page can read the admission without downloading the puzzle.
 */

export type Admission = { admission: string; expiresAt: string };

const placeKey = (roundId: string) => `madang.room.place.${roundId}`;
const admissionKey = (roundId: string) => `madang.room.admission.${roundId}`;

export function storedPlace(roundId: string): string | null {
  return sessionStorage.getItem(placeKey(roundId));
}

export function keepPlace(roundId: string, token: string) {
  sessionStorage.setItem(placeKey(roundId), token);
}

export function forgetPlace(roundId: string) {
  sessionStorage.removeItem(placeKey(roundId));
}

/** The round's admission while it lasts; an expired one is dropped, since the hold routes would refuse it anyway. */
export function storedAdmission(roundId: string, now = Date.now()): Admission | null {
  try {
    const a = JSON.parse(sessionStorage.getItem(admissionKey(roundId)) ?? 'null') as Admission | null;
    if (a && typeof a.admission === 'string' && Date.parse(a.expiresAt) > now) return a;
  } catch {
    // a garbled entry is as good as none
  }
  sessionStorage.removeItem(admissionKey(roundId));
  return null;
}

export function keepAdmission(roundId: string, admission: Admission) {
  sessionStorage.setItem(admissionKey(roundId), JSON.stringify(admission));
}

export function forgetAdmission(roundId: string) {
  sessionStorage.removeItem(admissionKey(roundId));
}

/** The header the hold routes want while the round's room is on (docs/waiting-room.md); nothing when we have none. */
export function admissionHeader(roundId: string): { 'Madang-Admission'?: string } {
  const a = storedAdmission(roundId);
  return a ? { 'Madang-Admission': a.admission } : {};
}

/** A hold refused for want of a (live) admission: the way on is the waiting room, not a message. */
export function needsRoom(problem: { status: number; code: string }): boolean {
  return problem.status === 403 && (problem.code === 'admission-required' || problem.code === 'admission-expired');
}

export function roomPath(roundId: string): string {
  return `/rounds/${roundId}/waiting-room`;
}
