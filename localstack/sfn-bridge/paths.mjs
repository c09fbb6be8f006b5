// Small JSON helpers for the Step Functions bridge: ASL reference paths and deep string replacement.

/**
 * Reads an ASL reference path (`$`, `$.a.b`, `$.a[0]`, `$['a b']`, or `$$.…` for the context object).
 * Returns undefined when the path selects nothing. Throws on a path that is not a simple reference path.
 */
export function readReferencePath(path, input, context) {
  if (typeof path !== 'string' || !path.startsWith('$')) {
    throw new Error(`not a reference path: ${JSON.stringify(path)}`);
  }
  let current = input;
  let rest = path.slice(1);
  if (rest.startsWith('$')) {
    current = context;
    rest = rest.slice(1);
  }
  while (rest.length > 0) {
    let key;
    let match;
    if ((match = /^\.([^.[\]]+)/.exec(rest))) {
      key = match[1];
    } else if ((match = /^\[(\d+)\]/.exec(rest))) {
      key = Number(match[1]);
    } else if ((match = /^\['((?:[^'\\]|\\.)*)'\]/.exec(rest)) || (match = /^\["((?:[^"\\]|\\.)*)"\]/.exec(rest))) {
      key = match[1].replace(/\\(.)/g, '$1');
    } else {
      throw new Error(`unsupported reference path: ${path}`);
    }
    rest = rest.slice(match[0].length);
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    if (typeof key === 'number' && !Array.isArray(current)) {
      return undefined;
    }
    current = Object.prototype.hasOwnProperty.call(current, key) ? current[key] : undefined;
  }
  return current;
}

/** Returns a copy of a JSON value in which every occurrence of `needle` inside strings is replaced. */
export function replaceInStrings(value, needle, replacement) {
  if (typeof value === 'string') {
    return value.includes(needle) ? value.split(needle).join(replacement) : value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => replaceInStrings(item, needle, replacement));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, replaceInStrings(item, needle, replacement)]),
    );
  }
  return value;
}

/** JSON text of a value, `null` for undefined (history details and API outputs are JSON strings). */
export function toJsonText(value) {
  return JSON.stringify(value === undefined ? null : value);
}
