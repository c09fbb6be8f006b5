import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { api, ok, type Problem } from '../../api/client';
import { asProblem } from '../../ui/hooks';
import { Loading, ProblemMessage } from '../../ui/parts';
import { t, useLang } from '../../i18n';

type Challenge = {
  challengeId: string;
  background: string;
  piece: string;
  pieceY: number;
  pieceSize: number;
  width: number;
  height: number;
};

/**
 * The slider puzzle (docs/captcha.md): slide the piece along its row until it fills the hole. The picture scales to
 * the screen, but the slider counts the picture's own pixels, so the x sent is what the server drew whatever the
 * screen. A range input rather than a drag handle: it is a labelled control with arrow keys, PageUp/PageDown and a
 * screen reader's value built in, and a finger drags it like any slider.
 */
export function SliderPuzzle(props: { roundId: string; onPass: (pass: string) => void }) {
  useLang();
  const id = useId();
  const [challenge, setChallenge] = useState<Challenge | null>(null);
  const [x, setX] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [fetchProblem, setFetchProblem] = useState<Problem | null>(null);
  const [generation, setGeneration] = useState(0);
  // the fan's own time, from the picture shown to the answer; the server checks it against its own clock
  const shownAt = useRef(0);

  useEffect(() => {
    let live = true;
    setChallenge(null);
    setFetchProblem(null);
    ok(api.POST('/v1/captcha/challenges', { body: { roundId: props.roundId } })).then(
      (c) => {
        if (!live) return;
        setX(0);
        setChallenge(c);
      },
      (e) => live && setFetchProblem(asProblem(e)),
    );
    return () => {
      live = false;
    };
  }, [props.roundId, generation]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!challenge || busy) return;
    setBusy(true);
    setProblem(null);
    const elapsedMs = shownAt.current > 0 ? Math.round(performance.now() - shownAt.current) : undefined;
    try {
      const answer = await ok(
        api.POST('/v1/captcha/challenges/{challengeId}/answer', {
          params: { path: { challengeId: challenge.challengeId } },
          body: { x, elapsedMs },
        }),
      );
      props.onPass(answer.pass);
    } catch (err) {
      // every answer spends its puzzle, right or wrong: a wrong one, a late one or a replay is tried again on a new one
      setProblem(asProblem(err));
      shownAt.current = 0;
      setGeneration((g) => g + 1);
    } finally {
      setBusy(false);
    }
  };

  if (fetchProblem) {
    return (
      <>
        <ProblemMessage problem={fetchProblem} />
        <button type="button" class="secondary" onClick={() => setGeneration((g) => g + 1)}>
          {t('room.puzzle.again')}
        </button>
      </>
    );
  }

  const c = challenge;
  const max = c ? c.width - c.pieceSize : 0;
  return (
    <form class="puzzle" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('room.puzzle.title')}</h2>
      <p class="hint" id={`${id}-hint`}>
        {t('room.puzzle.hint')}
      </p>
      {problem && <ProblemMessage problem={problem} />}
      {!c ? (
        <Loading />
      ) : (
        <>
          {/* the picture and its piece, placed in percentages of the picture so they scale together */}
          <div class="puzzle-frame" style={{ aspectRatio: `${c.width} / ${c.height}`, maxWidth: `${c.width * 1.5}px` }}>
            <img
              class="puzzle-background"
              src={c.background}
              alt={t('room.puzzle.picture')}
              onLoad={() => {
                shownAt.current = performance.now();
              }}
            />
            <img
              class="puzzle-piece"
              src={c.piece}
              alt=""
              style={{
                left: `${(x / c.width) * 100}%`,
                top: `${(c.pieceY / c.height) * 100}%`,
                width: `${(c.pieceSize / c.width) * 100}%`,
              }}
            />
          </div>
          <label for={`${id}-x`}>{t('room.puzzle.slider')}</label>
          <input
            id={`${id}-x`}
            class="puzzle-slider"
            type="range"
            min={0}
            max={max}
            step={1}
            value={x}
            aria-describedby={`${id}-hint`}
            aria-valuetext={t('room.puzzle.at', { x, max })}
            style={{ maxWidth: `${c.width * 1.5}px` }}
            onInput={(e) => setX(Number((e.currentTarget as HTMLInputElement).value))}
          />
          <button type="submit" disabled={busy}>
            {busy ? t('room.puzzle.checking') : t('room.puzzle.submit')}
          </button>
        </>
      )}
    </form>
  );
}
