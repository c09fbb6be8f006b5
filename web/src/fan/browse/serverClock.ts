import { useEffect, useState } from 'preact/hooks';
import { api, ok, type Problem } from '../../api/client';
import { asProblem } from '../../ui/hooks';

/**
 * The server's clock, read with GET /v1/time on load and every minute: a sale opens by the server's second, and a
 * device's clock may be minutes off. `now` ticks on each server second (the timer aims just past the boundary), so a
 * button that waits for an opening time turns on at that second. Until the first answer, and if it never comes, the
 * device's clock stands in (`synced` false).
 */
export function useServerClock(): { now: number; synced: boolean; problem?: Problem } {
  const [offset, setOffset] = useState<number | null>(null);
  const [problem, setProblem] = useState<Problem>();
  useEffect(() => {
    let live = true;
    const sync = async () => {
      try {
        const sent = Date.now();
        const time = await ok(api.GET('/v1/time'));
        const received = Date.now();
        // the server read its clock about halfway through the round trip
        if (live) {
          setOffset(time.epochMillis - (sent + received) / 2);
          setProblem(undefined);
        }
      } catch (e) {
        if (live) setProblem(asProblem(e));
      }
    };
    sync();
    const every = setInterval(sync, 60_000);
    return () => {
      live = false;
      clearInterval(every);
    };
  }, []);

  const shift = offset ?? 0;
  const [now, setNow] = useState(() => Date.now() + shift);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const at = Date.now() + shift;
      setNow(at);
      timer = setTimeout(tick, 1000 - (at % 1000) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [shift]);
  return { now, synced: offset !== null, problem };
}
