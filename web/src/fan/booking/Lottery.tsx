import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api, ok, Problem } from '../../api/client';
import type { components } from '../../api/schema';
import { asProblem, useLoad } from '../../ui/hooks';
import { Loading, Page, ProblemMessage } from '../../ui/parts';
import { seoulTime, t, useLang, won } from '../../i18n';
import { explain, FanOnly, label, MyNav, RoundLine, seatLabel } from './common';
import { admissionHeader, forgetAdmission, needsRoom, roomPath } from '../room/stored';

type Round = components['schemas']['RoundDetail'];
type Entry = components['schemas']['EntryView'];
type Result = components['schemas']['LotteryResult'];

export function RoundLottery() {
  useLang();
  return (
    <FanOnly title={t('booking.lottery.title')}>
      <LotteryScreen />
    </FanOnly>
  );
}

async function myEntries(): Promise<Entry[]> {
  return (await ok(api.GET('/v1/me/lottery-entries'))).items;
}

function LotteryScreen() {
  const { roundId } = useRoute().params;
  const round = useLoad(() => ok(api.GET('/v1/rounds/{roundId}', { params: { path: { roundId } } })), [roundId]);
  const result = useLoad(async () => {
    try {
      return await ok(api.GET('/v1/rounds/{roundId}/lottery/result', { params: { path: { roundId } } }));
    } catch (e) {
      // no lottery opened for this round (yet)
      if (e instanceof Problem && e.status === 404) return null;
      throw e;
    }
  }, [roundId]);
  // there is no GET of one entry: my entries across rounds hold this round's, if any
  const mine = useLoad(async () => (await myEntries()).find((e) => e.roundId === roundId) ?? null, [roundId]);

  const r = round.data;
  const loading = (round.loading && !r) || (result.loading && result.data === undefined) || (mine.loading && mine.data === undefined);
  const sections = r ? lotterySections(r) : [];

  return (
    <Page title={t('booking.lottery.title')}>
      <RoundLine roundId={roundId} />
      {loading && <Loading />}
      <ProblemMessage problem={explain(round.problem ?? result.problem ?? mine.problem)} />
      {r && result.data === null && !mine.data && <p>{t('booking.lottery.notOpen')}</p>}
      {r && result.data !== undefined && sections.length === 0 && !mine.data && <p>{t('booking.lottery.noSections')}</p>}
      {r && mine.data && <MyEntry round={r} entry={mine.data} sections={sections} onChanged={mine.reload} />}
      {r && result.data && mine.data === null && sections.length > 0 && (
        <EnterForm round={r} sections={sections} onEntered={mine.reload} />
      )}
      {result.data && <Published result={result.data} />}
    </Page>
  );
}

function lotterySections(round: Round): { id: string; grade: string; price?: number }[] {
  return Object.entries(round.sections)
    .filter(([, plan]) => plan.mode === 'LOTTERY')
    .map(([id, plan]) => ({ id, grade: plan.grade, price: round.grades.find((g) => g.grade === plan.grade)?.price }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

type Section = ReturnType<typeof lotterySections>[number];

function sectionText(s: Section): string {
  return t('booking.lottery.sectionOption', {
    section: s.id,
    grade: s.grade,
    price: s.price === undefined ? '' : won(s.price),
  });
}

/** Section and party size: entering, and changing an entry, ask the same two things. */
function EntryFields(props: {
  round: Round;
  sections: Section[];
  sectionId: string;
  partySize: number;
  onSection: (id: string) => void;
  onParty: (n: number) => void;
}) {
  const sizes = Array.from({ length: Math.max(1, props.round.perPersonLimit) }, (_, i) => i + 1);
  return (
    <>
      <label for="bk-lottery-section">{t('booking.lottery.section')}</label>
      <select
        id="bk-lottery-section"
        value={props.sectionId}
        onChange={(e) => props.onSection(e.currentTarget.value)}
      >
        {props.sections.map((s) => (
          <option key={s.id} value={s.id}>
            {sectionText(s)}
          </option>
        ))}
      </select>
      <label for="bk-lottery-party">{t('booking.lottery.party')}</label>
      <select
        id="bk-lottery-party"
        aria-describedby="bk-lottery-party-hint"
        value={String(props.partySize)}
        onChange={(e) => props.onParty(Number(e.currentTarget.value))}
      >
        {sizes.map((n) => (
          <option key={n} value={String(n)}>
            {t('booking.lottery.people', { n })}
          </option>
        ))}
      </select>
      <p id="bk-lottery-party-hint" class="hint">
        {t('booking.lottery.partyHint', { n: props.round.perPersonLimit })}
      </p>
    </>
  );
}

function EnterForm(props: { round: Round; sections: Section[]; onEntered: () => void }) {
  const [sectionId, setSectionId] = useState(props.sections[0].id);
  const [partySize, setPartySize] = useState(1);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const { route } = useLocation();
  const roundId = props.round.id;
  const enter = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      await ok(
        api.POST('/v1/rounds/{roundId}/lottery/entries', {
          params: { path: { roundId }, header: admissionHeader(roundId) },
          body: { sectionId, partySize },
        }),
      );
      props.onEntered();
    } catch (err) {
      const p = asProblem(err);
      // entered before (another tab, a lost answer): show that entry instead of an error
      if (p.code === 'already-entered') props.onEntered();
      else if (needsRoom(p)) {
        // the round's room guards its entries and this tab has no live admission: the room is the way on
        forgetAdmission(roundId);
        route(roomPath(roundId));
      } else setProblem(p);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={enter} class="bk-lottery-form">
      <h2>{t('booking.lottery.enter')}</h2>
      <p class="hint">{t('booking.lottery.enterHint')}</p>
      <EntryFields
        round={props.round}
        sections={props.sections}
        sectionId={sectionId}
        partySize={partySize}
        onSection={setSectionId}
        onParty={setPartySize}
      />
      <ProblemMessage problem={explain(problem)} />
      <button type="submit" disabled={busy}>
        {t('booking.lottery.submit')}
      </button>
    </form>
  );
}

function MyEntry(props: { round: Round; entry: Entry; sections: Section[]; onChanged: () => void }) {
  const e = props.entry;
  const [sectionId, setSectionId] = useState(e.sectionId);
  const [partySize, setPartySize] = useState(e.partySize);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [said, setSaid] = useState('');

  const act = async (run: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setProblem(null);
    setSaid('');
    try {
      await run();
      setSaid(done);
      props.onChanged();
    } catch (err) {
      setProblem(asProblem(err));
    } finally {
      setBusy(false);
    }
  };
  const change = (ev: Event) => {
    ev.preventDefault();
    act(
      () =>
        ok(
          api.PUT('/v1/rounds/{roundId}/lottery/entries/mine', {
            params: { path: { roundId: props.round.id } },
            body: { sectionId, partySize },
          }),
        ),
      t('booking.lottery.changed'),
    );
  };
  const withdraw = () =>
    act(
      () => ok(api.DELETE('/v1/rounds/{roundId}/lottery/entries/mine', { params: { path: { roundId: props.round.id } } })),
      t('booking.lottery.withdrawn'),
    );

  return (
    <section aria-labelledby="bk-entry-h">
      <h2 id="bk-entry-h">{t('booking.lottery.mine')}</h2>
      <EntryFacts entry={e} />
      {e.state === 'ENTERED' && props.sections.length > 0 && (
        <form onSubmit={change} class="bk-lottery-form">
          <h3>{t('booking.lottery.change')}</h3>
          <EntryFields
            round={props.round}
            sections={props.sections}
            sectionId={sectionId}
            partySize={partySize}
            onSection={setSectionId}
            onParty={setPartySize}
          />
          <div class="row">
            <button type="submit" disabled={busy}>
              {t('booking.lottery.saveChange')}
            </button>
            <button type="button" class="danger" onClick={withdraw} disabled={busy}>
              {t('booking.lottery.withdraw')}
            </button>
          </div>
        </form>
      )}
      <ProblemMessage problem={explain(problem)} />
      <p role="status" class="bk-said">
        {said}
      </p>
    </section>
  );
}

/** One entry's facts and, once it won, its offer to pay. Shared with the list of my entries. */
export function EntryFacts(props: { entry: Entry }) {
  const e = props.entry;
  return (
    <>
      <dl class="bk-facts">
        <dt>{t('booking.lottery.state')}</dt>
        <dd>
          <span class={`bk-badge bk-entry-${e.state}`}>{label('booking.entry', e.state)}</span>
        </dd>
        <dt>{t('booking.lottery.section')}</dt>
        <dd>{e.sectionId}</dd>
        <dt>{t('booking.lottery.party')}</dt>
        <dd>{t('booking.lottery.people', { n: e.partySize })}</dd>
        <dt>{t('booking.lottery.enteredAt')}</dt>
        <dd>{seoulTime(e.enteredAt)}</dd>
        <dt>{t('booking.lottery.entryId')}</dt>
        <dd class="bk-code">{e.entryId}</dd>
      </dl>
      {e.offer && e.state === 'WON' && (
        <div class="bk-offer card">
          <h3>{t('booking.lottery.offer')}</h3>
          <p>{e.offer.seatIds.map((s) => seatLabel(s, e.sectionId)).join(', ')}</p>
          <p>
            {t('booking.total')} <strong>{won(e.offer.amount)}</strong>
          </p>
          <p>{t('booking.lottery.payBy', { time: seoulTime(e.offer.payBy) })}</p>
          <a class="button" href={`/checkout/${e.offer.holdId}`}>
            {t('booking.checkout.pay')}
          </a>
        </div>
      )}
    </>
  );
}

/** What the lottery published beforehand (commitments) and after the draw (seeds), for anyone to check the draw. */
function Published(props: { result: Result }) {
  const r = props.result;
  return (
    <details class="bk-published">
      <summary>{t('booking.lottery.published')}</summary>
      <p class="hint">{t('booking.lottery.publishedHint')}</p>
      <dl class="bk-facts">
        {r.entriesDigest && (
          <>
            <dt>{t('booking.lottery.digest')}</dt>
            <dd class="bk-code">{r.entriesDigest}</dd>
          </>
        )}
        {(r.draws ?? []).map((d) => (
          <Fragment key={d.drawNumber}>
            <dt>{t('booking.lottery.commitment', { n: d.drawNumber ?? 0 })}</dt>
            <dd class="bk-code">
              {d.commitment}
            </dd>
            {d.seedHex && (
              <>
                <dt>{t('booking.lottery.seed', { n: d.drawNumber ?? 0 })}</dt>
                <dd class="bk-code">{d.seedHex}</dd>
              </>
            )}
          </Fragment>
        ))}
      </dl>
    </details>
  );
}

export function MyLottery() {
  useLang();
  return (
    <FanOnly title={t('booking.myLottery.title')}>
      <MyLotteryScreen />
    </FanOnly>
  );
}

function MyLotteryScreen() {
  const entries = useLoad(myEntries, []);
  const items = entries.data ?? [];
  return (
    <Page title={t('booking.myLottery.title')}>
      <MyNav />
      {entries.loading && !entries.data && <Loading />}
      <ProblemMessage problem={explain(entries.problem)} />
      {entries.data && items.length === 0 && <p>{t('booking.myLottery.none')}</p>}
      <ul class="cards bk-cards">
        {items.map((e) => (
          <li key={e.entryId} class="card">
            <RoundLine roundId={e.roundId} />
            <EntryFacts entry={e} />
            <p>
              <a href={`/rounds/${e.roundId}/lottery`}>{t('booking.myLottery.open')}</a>
            </p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
