import { useId, useRef, useState } from 'preact/hooks';
import { api, idempotencyKey, ok, type Problem } from '../../api/client';
import { asProblem } from '../../ui/hooks';
import { t, useLang, won } from '../../i18n';
import { HoldProblem, keyFor, settle, type Intent } from './holding';
import { useLocation } from 'preact-iso';
import { admissionHeader, forgetAdmission, needsRoom, roomPath } from '../room/stored';

export type BestAvailableSection = { id: string; name: string; grade?: string; price?: number };

type Props = {
  roundId: string;
  sections: BestAvailableSection[];
  limit: number;
  disabled: boolean;
  back: string;
  onHeld: (holdId: string) => void;
};

/** Sections sold by best available: the fan names a party size and the API picks the seats (POST /v1/holds/best-available). */
export function BestAvailable(props: Props) {
  useLang();
  const id = useId();
  const [sectionId, setSectionId] = useState(props.sections[0]?.id ?? '');
  const [party, setParty] = useState(1);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const intent = useRef<Intent>(null);
  const { route } = useLocation();

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const key = keyFor(intent, `${sectionId} ${party}`, idempotencyKey);
    setBusy(true);
    setProblem(null);
    try {
      const hold = await ok(
        api.POST('/v1/holds/best-available', {
          params: { header: { 'Idempotency-Key': key, ...admissionHeader(props.roundId) } },
          body: { roundId: props.roundId, sectionId, partySize: party },
        }),
      );
      props.onHeld(hold.holdId);
    } catch (err) {
      const p = asProblem(err);
      settle(intent, p);
      if (needsRoom(p)) {
        // the room is on and this tab has no live admission: the line is the way on
        forgetAdmission(props.roundId);
        route(roomPath(props.roundId));
        return;
      }
      setProblem(p);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="seats-best" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('seats.best.title')}</h2>
      <p class="hint">{t('seats.best.intro')}</p>
      <form onSubmit={submit}>
        <label for={`${id}-section`}>{t('seats.best.section')}</label>
        <select id={`${id}-section`} value={sectionId} onChange={(e) => setSectionId((e.currentTarget as HTMLSelectElement).value)}>
          {props.sections.map((s) => (
            <option key={s.id} value={s.id}>
              {[s.name, s.grade && t('seatmap.grade', { grade: s.grade }), s.price !== undefined && won(s.price)].filter(Boolean).join(' · ')}
            </option>
          ))}
        </select>
        <label for={`${id}-party`}>{t('seats.best.party')}</label>
        <select id={`${id}-party`} value={party} onChange={(e) => setParty(Number((e.currentTarget as HTMLSelectElement).value))}>
          {Array.from({ length: Math.max(props.limit, 1) }, (_, i) => i + 1).map((n) => (
            <option key={n} value={n}>
              {t('seats.best.partyOf', { n })}
            </option>
          ))}
        </select>
        <HoldProblem problem={problem} back={props.back} />
        <button type="submit" class="seats-action" disabled={busy || props.disabled}>
          {busy ? t('seats.holding') : t('seats.best.submit')}
        </button>
      </form>
    </section>
  );
}
