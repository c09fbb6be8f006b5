import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SeatMapProps } from './types';
import { indexSeats, step, type SeatIndex } from './seatIndex';
import { FOCUS, INK, TAKEN } from './palette';
import { t, useLang, won } from '../../i18n';
import { SeatList } from './SeatList';
import './seatmap.css';

/** Margin around the seats inside the canvas, in CSS pixels. */
const PAD = 12;
/** Zoom stops when a seat is this many CSS pixels apart from the next. */
const MAX_PITCH_PX = 56;
/** Below this on-screen seat pitch, a tap zooms in instead of picking: nobody can aim at a 2-pixel seat. */
const TAP_PITCH = { touch: 16, other: 6 };
/** The pitch a zooming tap or a keyboard move brings the map to. */
const READABLE_PITCH = { touch: 28, other: 18 };

type View = { k: number; cx: number; cy: number };
type Bounds = { x0: number; x1: number; y0: number; y1: number; key: string };

let markedInteractive = false;

/** The band above the seats where the stage is drawn (every layout has the stage at the top), in layout units. */
function stageBand(index: SeatIndex): number {
  return Math.max(6 * index.pitch, (index.maxY - index.minY) * 0.12, (index.maxX - index.minX) * 0.05);
}

function boundsOf(index: SeatIndex): Bounds {
  const p = index.pitch;
  const b = { x0: index.minX - p, x1: index.maxX + p, y0: index.minY - stageBand(index), y1: index.maxY + p };
  return { ...b, key: `${b.x0},${b.x1},${b.y0},${b.y1}` };
}

/** Section, row, number, grade, price and status of a seat, as announced and as shown under the map. */
export function describeSeat(index: SeatIndex, i: number, selected: ReadonlySet<string> | undefined, interactive: boolean): string {
  const seat = index.seats[i];
  const section = index.sections[index.sectionOf[i]].source;
  const parts = [t('seatmap.seat', { section: section.name, row: seat.row, number: seat.number })];
  if (section.grade) parts.push(t('seatmap.grade', { grade: section.grade }));
  if (section.price !== undefined) parts.push(won(section.price));
  if (selected?.has(seat.id)) parts.push(t('seatmap.selected'));
  else if (seat.status === 'TAKEN') parts.push(t('seatmap.taken'));
  else if (seat.status === 'NOT_FOR_SALE') parts.push(t('seatmap.notForSale'));
  else if (interactive && !section.selectable) parts.push(t('seatmap.notSelectable'));
  else if (interactive) parts.push(t('seatmap.available'));
  return parts.join(', ');
}

/**
 * The seat map: every seat drawn on one canvas (no element per seat), zoomed and panned by wheel, pinch, drag and the
 * buttons, seats picked by tap, click or Enter/Space on the keyboard's focused seat, each move announced politely;
 * and under it the same seats as a list, one row at a time, for those who would rather not use the map.
 */
export function SeatMap(props: SeatMapProps) {
  useLang();
  const index = useMemo(() => indexSeats(props.sections), [props.sections]);
  const bounds = useMemo(() => boundsOf(index), [index]);
  const interactive = props.onToggle !== undefined;

  const canvasRef = useRef<HTMLCanvasElement>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const latest = useRef({ props, index, bounds });
  latest.current = { props, index, bounds };
  const view = useRef<View>({ k: 1, cx: (bounds.x0 + bounds.x1) / 2, cy: (bounds.y0 + bounds.y1) / 2 });
  const viewKey = useRef(bounds.key);
  const size = useRef({ w: 0, h: 0, dpr: 1 });
  const focusId = useRef<string | null>(null);
  const hoverId = useRef<string | null>(null);
  const ring = useRef(false);
  const frame = useRef(0);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef({ moved: false, x: 0, y: 0 });
  const announcedSelected = useRef<boolean | null>(null);
  const toggledHere = useRef(false);
  const measureRef = useRef<(force: boolean) => void>(() => undefined);
  const [message, setMessage] = useState('');
  const helpId = useId();

  if (viewKey.current !== bounds.key) {
    viewKey.current = bounds.key;
    view.current = { k: 1, cx: (bounds.x0 + bounds.x1) / 2, cy: (bounds.y0 + bounds.y1) / 2 };
  }

  function transform() {
    const { w, h } = size.current;
    const b = latest.current.bounds;
    const fit = Math.min((w - 2 * PAD) / (b.x1 - b.x0), (h - 2 * PAD) / (b.y1 - b.y0));
    const v = view.current;
    const s = fit * v.k;
    return { s, fit, tx: w / 2 - v.cx * s, ty: h / 2 - v.cy * s };
  }

  function maxK(): number {
    return Math.max(1, MAX_PITCH_PX / (latest.current.index.pitch * transform().fit));
  }

  /** Keeps the seats filling the view: no panning past the edges, and centred when they fit. */
  function clampView() {
    const { w, h } = size.current;
    const b = latest.current.bounds;
    const v = view.current;
    v.k = Math.min(Math.max(v.k, 1), maxK());
    const { s } = transform();
    const clampAxis = (c: number, lo: number, hi: number, half: number) =>
      hi - lo <= 2 * half ? (lo + hi) / 2 : Math.min(Math.max(c, lo + half), hi - half);
    v.cx = clampAxis(v.cx, b.x0, b.x1, w / (2 * s));
    v.cy = clampAxis(v.cy, b.y0, b.y1, h / (2 * s));
  }

  function zoomAt(px: number, py: number, factor: number) {
    const before = transform();
    const wx = (px - before.tx) / before.s;
    const wy = (py - before.ty) / before.s;
    const v = view.current;
    v.k = Math.min(Math.max(v.k * factor, 1), maxK());
    const s = before.fit * v.k;
    v.cx = wx - (px - size.current.w / 2) / s;
    v.cy = wy - (py - size.current.h / 2) / s;
    clampView();
    requestDraw();
  }

  function panBy(dx: number, dy: number) {
    const { s } = transform();
    view.current.cx -= dx / s;
    view.current.cy -= dy / s;
    clampView();
    requestDraw();
  }

  function reset() {
    const b = latest.current.bounds;
    view.current = { k: 1, cx: (b.x0 + b.x1) / 2, cy: (b.y0 + b.y1) / 2 };
    requestDraw();
  }

  function requestDraw() {
    if (!frame.current) {
      frame.current = requestAnimationFrame(() => {
        frame.current = 0;
        draw();
      });
    }
  }

  function draw() {
    const canvas = canvasRef.current;
    const { w, h, dpr } = size.current;
    if (!canvas || w === 0) return;
    // Zoomed out, a vertical swipe scrolls the page (the map has nothing to pan); zoomed in, every gesture is the map's.
    canvas.style.touchAction = view.current.k > 1.001 ? 'none' : 'pan-y';
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const { props: p, index: ix } = latest.current;
    const { s, tx, ty } = transform();
    const X = (x: number) => x * s + tx;
    const Y = (y: number) => y * s + ty;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w, h);

    const pitchPx = ix.pitch * s;
    const side = Math.max(pitchPx * 0.8, 1.5);
    const half = side / 2;
    const small = side * 0.6;
    const font = 'system-ui, -apple-system, "Apple SD Gothic Neo", "Noto Sans KR", sans-serif';

    if (ix.seats.length > 0) {
      const width = ix.maxX - ix.minX;
      const band = stageBand(ix);
      const sx0 = X(ix.minX + width * 0.2);
      const sx1 = X(ix.maxX - width * 0.2);
      const sy0 = Y(ix.minY - band * 0.9);
      const sh = band * 0.6 * s;
      ctx.fillStyle = '#e9e7f3';
      ctx.strokeStyle = '#76767f';
      ctx.lineWidth = 1;
      ctx.fillRect(sx0, sy0, sx1 - sx0, sh);
      ctx.strokeRect(sx0 + 0.5, sy0 + 0.5, sx1 - sx0 - 1, sh - 1);
      const stageFont = Math.min(Math.max(sh * 0.6, 9), 22);
      ctx.font = `600 ${stageFont}px ${font}`;
      ctx.fillStyle = INK;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      ctx.fillText(t('seatmap.stage'), (sx0 + sx1) / 2, sy0 + sh / 2, sx1 - sx0 - 4);
    }

    const unavailable = new Path2D();
    const picked: number[] = [];
    const visible = (px: number, py: number) => px > -side && px < w + side && py > -side && py < h + side;
    for (const section of ix.sections) {
      if (X(section.maxX) < -side || X(section.minX) > w + side || Y(section.maxY) < -side || Y(section.minY) > h + side) continue;
      const hollow = interactiveOf(p) && !section.source.selectable;
      const lw = Math.max(1, side * 0.2);
      const open = new Path2D();
      for (let i = section.first; i < section.end; i++) {
        const seat = ix.seats[i];
        const px = X(seat.x);
        const py = Y(seat.y);
        if (!visible(px, py)) continue;
        if (p.selected?.has(seat.id)) picked.push(i);
        else if (seat.status !== 'AVAILABLE') unavailable.rect(px - small / 2, py - small / 2, small, small);
        else if (hollow && side >= 4) open.rect(px - half + lw / 2, py - half + lw / 2, side - lw, side - lw);
        else open.rect(px - half, py - half, side, side);
      }
      if (hollow && side >= 4) {
        ctx.strokeStyle = section.color;
        ctx.lineWidth = lw;
        ctx.stroke(open);
      } else {
        ctx.globalAlpha = hollow ? 0.4 : 1;
        ctx.fillStyle = section.color;
        ctx.fill(open);
        ctx.globalAlpha = 1;
      }
    }
    ctx.fillStyle = TAKEN;
    ctx.fill(unavailable);

    // Picked seats change shape as well as colour: a ringed circle with a white centre, larger than a seat.
    const r = Math.max(side * 0.62, 4.5);
    for (const i of picked) {
      const seat = ix.seats[i];
      const px = X(seat.x);
      const py = Y(seat.y);
      ctx.beginPath();
      ctx.arc(px, py, r, 0, Math.PI * 2);
      ctx.fillStyle = ix.sections[ix.sectionOf[i]].color;
      ctx.fill();
      ctx.lineWidth = Math.max(1.5, r * 0.3);
      ctx.strokeStyle = INK;
      ctx.stroke();
      ctx.beginPath();
      ctx.arc(px, py, r * 0.35, 0, Math.PI * 2);
      ctx.fillStyle = '#ffffff';
      ctx.fill();
    }

    ctx.textBaseline = 'middle';
    ctx.lineJoin = 'round';
    const drawLabel = (text: string, x: number, y: number, size: number, align: CanvasTextAlign) => {
      ctx.font = `600 ${size}px ${font}`;
      ctx.textAlign = align;
      ctx.lineWidth = 3;
      ctx.strokeStyle = 'rgba(255,255,255,0.9)';
      ctx.strokeText(text, x, y);
      ctx.fillStyle = INK;
      ctx.fillText(text, x, y);
    };
    for (const section of ix.sections) {
      if (section.end === section.first) continue;
      const x0 = X(section.minX);
      const x1 = X(section.maxX);
      const y0 = Y(section.minY);
      const y1 = Y(section.maxY);
      if (x1 < 0 || x0 > w || y1 < 0 || y0 > h) continue;
      if (pitchPx < 14) {
        // the section's name, or its short id when the name is wider than the section
        ctx.font = `600 12px ${font}`;
        const room = x1 - x0 + pitchPx * 2;
        const name = [section.source.name, section.source.id].find((n) => ctx.measureText(n).width < room);
        if (name) drawLabel(name, (x0 + x1) / 2, (y0 + y1) / 2, 12, 'center');
      } else {
        const size = Math.min(13, pitchPx * 0.5);
        drawLabel(section.source.name, (x0 + x1) / 2, y0 - pitchPx * 1.1, 13, 'center');
        for (const row of section.rows) {
          const first = ix.seats[row.seats[0]];
          const ry = Y(first.y);
          if (ry > -pitchPx && ry < h + pitchPx) drawLabel(row.label, X(first.x) - pitchPx * 0.65, ry, size, 'right');
        }
      }
    }

    const hovered = hoverId.current !== null ? ix.byId.get(hoverId.current) : undefined;
    if (hovered !== undefined) {
      const seat = ix.seats[hovered];
      const px = X(seat.x);
      const py = Y(seat.y);
      ctx.lineWidth = 2;
      ctx.strokeStyle = INK;
      ctx.strokeRect(px - half - 2, py - half - 2, side + 4, side + 4);
      const text = describeSeat(ix, hovered, p.selected, interactiveOf(p));
      ctx.font = `13px ${font}`;
      const tw = Math.min(ctx.measureText(text).width, w - 16);
      const bx = Math.min(Math.max(px - tw / 2 - 8, 4), w - tw - 20);
      const by = py - half - 36 < 4 ? py + half + 8 : py - half - 36;
      ctx.fillStyle = INK;
      ctx.fillRect(bx, by, tw + 16, 28);
      ctx.fillStyle = '#ffffff';
      ctx.textAlign = 'left';
      ctx.fillText(text, bx + 8, by + 14, tw);
    }

    const focused = ring.current && focusId.current !== null ? ix.byId.get(focusId.current) : undefined;
    if (focused !== undefined && document.activeElement === canvas) {
      const seat = ix.seats[focused];
      const fr = Math.max(side * 0.75, 7) + 3;
      ctx.beginPath();
      ctx.arc(X(seat.x), Y(seat.y), fr, 0, Math.PI * 2);
      ctx.lineWidth = 5;
      ctx.strokeStyle = INK;
      ctx.stroke();
      ctx.lineWidth = 2.5;
      ctx.strokeStyle = FOCUS;
      ctx.stroke();
    }

    if (!markedInteractive && ix.seats.length > 0) {
      markedInteractive = true;
      performance.mark('madang:interactive');
    }
  }

  // Size the canvas to its box (the width it is given; a height from the layout's shape, within the screen).
  useLayoutEffect(() => {
    const wrap = wrapRef.current;
    const canvas = canvasRef.current;
    if (!wrap || !canvas) return;
    const measure = (force: boolean) => {
      const b = latest.current.bounds;
      const w = wrap.clientWidth;
      const dpr = window.devicePixelRatio || 1;
      const fitted = ((w - 2 * PAD) * (b.y1 - b.y0)) / (b.x1 - b.x0) + 2 * PAD;
      const h = Math.round(Math.min(Math.max(fitted, 280), Math.max(320, window.innerHeight * 0.7)));
      if (!force && w === size.current.w && h === size.current.h && dpr === size.current.dpr) return;
      size.current = { w, h, dpr };
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      canvas.style.height = `${h}px`;
      clampView();
      draw();
    };
    const onResize = () => measure(false);
    const observer = new ResizeObserver(onResize);
    observer.observe(wrap);
    window.addEventListener('resize', onResize);
    measureRef.current = measure;
    measure(true);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', onResize);
      cancelAnimationFrame(frame.current);
      frame.current = 0;
    };
  }, []);

  // Another layout has another shape: size the canvas for it.
  const firstLayout = useRef(true);
  useEffect(() => {
    if (firstLayout.current) firstLayout.current = false;
    else measureRef.current(true);
  }, [bounds.key]);

  // After a pick made on the map, say the seat's new state (the owner may also have refused it, and says why).
  useEffect(() => {
    requestDraw();
    if (!toggledHere.current) return;
    toggledHere.current = false;
    const id = focusId.current;
    const i = id === null ? undefined : index.byId.get(id);
    if (i !== undefined && announcedSelected.current !== (props.selected?.has(id!) ?? false)) announce(i);
  });

  // A wheel listener that may cancel the page's scroll needs passive: false, which JSX props cannot say.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      const unit = e.deltaMode === 1 ? 0.05 : e.deltaMode === 2 ? 1 : 0.002;
      const factor = Math.exp(-e.deltaY * unit);
      const k = view.current.k;
      // at either end of the zoom the wheel scrolls the page, so the map never traps it
      if ((factor < 1 && k <= 1) || (factor > 1 && k >= maxK())) return;
      e.preventDefault();
      const p = local(e);
      zoomAt(p.x, p.y, factor);
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  }, []);

  function local(e: { clientX: number; clientY: number }) {
    const rect = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - rect.left, y: e.clientY - rect.top };
  }

  function announce(i: number) {
    const { index: ix, props: p } = latest.current;
    announcedSelected.current = p.selected?.has(ix.seats[i].id) ?? false;
    setMessage(describeSeat(ix, i, p.selected, interactiveOf(p)));
  }

  function focusSeat(i: number, reveal: boolean) {
    const ix = latest.current.index;
    focusId.current = ix.seats[i].id;
    announce(i);
    if (reveal) bringIntoView(i);
    requestDraw();
  }

  function bringIntoView(i: number) {
    const seat = latest.current.index.seats[i];
    const { s, tx, ty } = transform();
    const pitchPx = latest.current.index.pitch * s;
    if (pitchPx < 10) {
      view.current = { k: view.current.k * (READABLE_PITCH.other / pitchPx), cx: seat.x, cy: seat.y };
      clampView();
      return;
    }
    const px = seat.x * s + tx;
    const py = seat.y * s + ty;
    const margin = Math.max(pitchPx * 1.5, 24);
    const { w, h } = size.current;
    if (px < margin || px > w - margin || py < margin || py > h - margin) {
      view.current.cx = seat.x;
      view.current.cy = seat.y;
      clampView();
    }
  }

  /** Asks the owner to pick or unpick the seat when that is possible; false when the seat cannot be picked. */
  function toggle(i: number): boolean {
    const { index: ix, props: p } = latest.current;
    if (!p.onToggle) return false;
    const seat = ix.seats[i];
    const pickable = ix.sections[ix.sectionOf[i]].source.selectable && seat.status === 'AVAILABLE';
    if (!p.selected?.has(seat.id) && !pickable) return false;
    toggledHere.current = true;
    p.onToggle(seat.id);
    return true;
  }

  function initialSeat(): number {
    const ix = latest.current.index;
    for (const section of ix.sections) {
      if (!section.source.selectable) continue;
      for (let i = section.first; i < section.end; i++) if (ix.seats[i].status === 'AVAILABLE') return i;
    }
    return ix.seats.length > 0 ? 0 : -1;
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const ix = latest.current.index;
    const current = focusId.current === null ? undefined : ix.byId.get(focusId.current);
    const moveTo = (j: number) => {
      if (j >= 0) focusSeat(j, true);
    };
    const arrows: Record<string, [number, number]> = {
      ArrowLeft: [-1, 0],
      ArrowRight: [1, 0],
      ArrowUp: [0, -1],
      ArrowDown: [0, 1],
    };
    ring.current = true;
    if (e.key in arrows) {
      moveTo(current === undefined ? initialSeat() : step(ix, current, ...arrows[e.key]));
    } else if (e.key === 'Home' || e.key === 'End') {
      if (current === undefined) moveTo(initialSeat());
      else {
        const row = ix.sections[ix.sectionOf[current]].rows[ix.rowOf[current]].seats;
        moveTo(e.key === 'Home' ? row[0] : row[row.length - 1]);
      }
    } else if (e.key === 'PageUp' || e.key === 'PageDown') {
      const from = current === undefined ? -1 : ix.sectionOf[current];
      const d = e.key === 'PageDown' ? 1 : -1;
      for (let s = from + d; s >= 0 && s < ix.sections.length; s += d) {
        if (ix.sections[s].end > ix.sections[s].first) {
          moveTo(ix.sections[s].first);
          break;
        }
      }
    } else if (e.key === 'Enter' || e.key === ' ') {
      if (current === undefined) moveTo(initialSeat());
      else if (!toggle(current)) announce(current);
    } else if (e.key === '+' || e.key === '=') {
      zoomAt(size.current.w / 2, size.current.h / 2, 1.5);
    } else if (e.key === '-' || e.key === '_') {
      zoomAt(size.current.w / 2, size.current.h / 2, 1 / 1.5);
    } else if (e.key === '0') {
      reset();
    } else {
      return;
    }
    e.preventDefault();
    requestDraw();
  }

  function onFocus() {
    const canvas = canvasRef.current!;
    ring.current = canvas.matches(':focus-visible');
    if (ring.current) {
      const ix = latest.current.index;
      const current = focusId.current === null ? undefined : ix.byId.get(focusId.current);
      const i = current ?? initialSeat();
      if (i >= 0) focusSeat(i, false);
    }
    requestDraw();
  }

  function onPointerDown(e: PointerEvent) {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    const p = local(e);
    pointers.current.set(e.pointerId, p);
    canvasRef.current!.setPointerCapture(e.pointerId);
    ring.current = false;
    if (pointers.current.size === 1) gesture.current = { moved: false, x: p.x, y: p.y };
    else gesture.current.moved = true;
  }

  function onPointerMove(e: PointerEvent) {
    const p = local(e);
    const prev = pointers.current.get(e.pointerId);
    if (!prev) {
      if (e.pointerType === 'mouse') hover(p);
      return;
    }
    if (pointers.current.size === 1) {
      if (!gesture.current.moved && Math.hypot(p.x - gesture.current.x, p.y - gesture.current.y) > 6) {
        gesture.current.moved = true;
        hoverId.current = null;
      }
      if (gesture.current.moved) panBy(p.x - prev.x, p.y - prev.y);
    } else if (pointers.current.size === 2) {
      let other = prev;
      for (const [id, q] of pointers.current) if (id !== e.pointerId) other = q;
      const before = Math.hypot(prev.x - other.x, prev.y - other.y);
      const after = Math.hypot(p.x - other.x, p.y - other.y);
      if (before > 0) zoomAt((prev.x + other.x) / 2, (prev.y + other.y) / 2, after / before);
      panBy((p.x - prev.x) / 2, (p.y - prev.y) / 2);
    }
    pointers.current.set(e.pointerId, p);
  }

  function onPointerUp(e: PointerEvent) {
    if (!pointers.current.has(e.pointerId)) return;
    const tap = pointers.current.size === 1 && !gesture.current.moved;
    pointers.current.delete(e.pointerId);
    if (tap) onTap(local(e), e.pointerType === 'touch' ? 'touch' : 'other');
  }

  function onPointerCancel(e: PointerEvent) {
    pointers.current.delete(e.pointerId);
  }

  function hover(p: { x: number; y: number }) {
    const ix = latest.current.index;
    const { s, tx, ty } = transform();
    const before = hoverId.current;
    const i = ix.pitch * s >= TAP_PITCH.other ? ix.hit((p.x - tx) / s, (p.y - ty) / s, ix.pitch * 0.6) : -1;
    hoverId.current = i >= 0 ? ix.seats[i].id : null;
    const canvas = canvasRef.current!;
    const pickable = i >= 0 && interactiveOf(latest.current.props) && ix.sections[ix.sectionOf[i]].source.selectable && ix.seats[i].status === 'AVAILABLE';
    canvas.style.cursor = pickable ? 'pointer' : ix.pitch * s < TAP_PITCH.other ? 'zoom-in' : 'grab';
    if (before !== hoverId.current) requestDraw();
  }

  function onTap(p: { x: number; y: number }, kind: 'touch' | 'other') {
    const ix = latest.current.index;
    const { s, tx, ty } = transform();
    const pitchPx = ix.pitch * s;
    if (pitchPx < TAP_PITCH[kind]) {
      zoomAt(p.x, p.y, READABLE_PITCH[kind] / pitchPx);
      return;
    }
    const i = ix.hit((p.x - tx) / s, (p.y - ty) / s, ix.pitch * 0.6);
    if (i < 0) return;
    focusSeat(i, false);
    toggle(i);
  }

  const zoomButton = (factor: number) => () => zoomAt(size.current.w / 2, size.current.h / 2, factor);

  return (
    <div class="seatmap">
      <div class="seatmap-tools">
        <button type="button" class="secondary" aria-label={t('seatmap.zoomIn')} title={t('seatmap.zoomIn')} onClick={zoomButton(1.5)}>
          <Icon d="M10 4v12M4 10h12" />
        </button>
        <button type="button" class="secondary" aria-label={t('seatmap.zoomOut')} title={t('seatmap.zoomOut')} onClick={zoomButton(1 / 1.5)}>
          <Icon d="M4 10h12" />
        </button>
        <button type="button" class="secondary" aria-label={t('seatmap.reset')} title={t('seatmap.reset')} onClick={reset}>
          <Icon d="M3 8V3h5M12 3h5v5M17 12v5h-5M8 17H3v-5" />
        </button>
      </div>
      <div class="seatmap-frame" ref={wrapRef}>
        <canvas
          ref={canvasRef}
          class="seatmap-canvas"
          tabIndex={0}
          role="application"
          aria-label={props.label}
          aria-describedby={helpId}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onBlur={() => {
            ring.current = false;
            requestDraw();
          }}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerCancel}
          onLostPointerCapture={onPointerCancel}
          onPointerLeave={() => {
            if (hoverId.current !== null) {
              hoverId.current = null;
              requestDraw();
            }
          }}
        />
      </div>
      <p class="seatmap-status" aria-live="polite">
        {message}
      </p>
      <ul class="seatmap-key">
        <li>
          <span class="seatmap-mark seatmap-mark-open" aria-hidden="true" />
          {t('seatmap.key.available')}
        </li>
        {interactive && (
          <li>
            <span class="seatmap-mark seatmap-mark-picked" aria-hidden="true" />
            {t('seatmap.key.selected')}
          </li>
        )}
        <li>
          <span class="seatmap-mark seatmap-mark-taken" aria-hidden="true" />
          {t('seatmap.key.taken')}
        </li>
        {interactive && (
          <li>
            <span class="seatmap-mark seatmap-mark-hollow" aria-hidden="true" />
            {t('seatmap.key.notSelectable')}
          </li>
        )}
      </ul>
      <p class="hint" id={helpId}>
        {t(interactive ? 'seatmap.keys' : 'seatmap.keysReadOnly')}
      </p>
      <SeatList index={index} selected={props.selected} onToggle={props.onToggle} />
    </div>
  );
}

function interactiveOf(p: SeatMapProps): boolean {
  return p.onToggle !== undefined;
}

function Icon(props: { d: string }) {
  return (
    <svg width="20" height="20" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
      <path d={props.d} fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round" />
    </svg>
  );
}
