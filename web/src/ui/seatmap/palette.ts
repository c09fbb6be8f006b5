/**
 * Grade colours: fixed per grade name, so the legend, the map and every visit agree. Each has at least 3:1 contrast on
 * white (WCAG 1.4.11) and they are drawn from the Okabe-Ito family, darkened, to stay apart under colour-vision
 * deficiencies; the map never relies on colour alone (shapes mark selected, taken and not-selectable seats).
 */
const BY_GRADE: Record<string, string> = {
  VIP: '#8e2d8e',
  R: '#d55e00',
  S: '#0072b2',
  A: '#00846b',
  B: '#8a6d00',
  C: '#a23b72',
};

const OTHERS = ['#5a4fcf', '#6b4e16', '#b35900', '#007a5e', '#c0392b', '#0072b2'];

/** A section without a grade (an organiser's layout preview). */
export const UNGRADED = '#4b1fd1';
/** Taken or not for sale: greyed, and drawn smaller, so the size tells it too. */
export const TAKEN = '#c4c4cc';
export const INK = '#1b1b1f';
export const FOCUS = '#f5a623';

export function gradeColor(grade?: string): string {
  if (!grade) return UNGRADED;
  const known = BY_GRADE[grade.toUpperCase()];
  if (known) return known;
  let h = 0;
  for (let i = 0; i < grade.length; i++) h = (h * 31 + grade.charCodeAt(i)) >>> 0;
  return OTHERS[h % OTHERS.length];
}
