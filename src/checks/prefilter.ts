// Literal prefilters for phrase patterns. Building a phrase regex costs far more than running it:
// every pattern is word-bounded with (?<![\p{L}\p{N}_]) under /iu, and V8 expands those Unicode
// classes with their case closure at construction, then compiles the whole regex again on first
// and second exec. With ~600 patterns that was most of a one-draft run. Most patterns cannot match
// a given reply at all, and whether one can is decided by substrings it requires ("sorry", "at
// least"): so a pattern is only built and run when its required substrings are in the text.
//
// Soundness is the whole point: `requiredLiterals` may give up (null: always run the regex) but
// must never demand a substring a real match could lack. The text is folded so that the literals
// can be compared with plain `includes`: lower-cased (the regexes are /i), U+017F long s → s (the
// only non-ASCII character besides the Kelvin sign, which toLowerCase already maps to k, that
// simple case folding equates with an ASCII letter), and every run of whitespace → one space (so
// `\s+` and `\s` become a literal space). Only ASCII characters are ever part of a literal.

/** A conjunction of disjunctions: the text must contain one string of every set. */
export type Requirement = string[][];

interface Info {
  /** Every string the node can match (folded), when that set is small; else null. */
  exact: Set<string> | null;
  /** Substring sets the node's matches must contain (see Requirement). */
  need: string[][];
}

/** Largest set of exact strings kept while crossing a sequence. */
const CAP = 64;
/** Largest OR-set (one string per alternative of a big alternation). */
const OR_CAP = 256;
const MIN_LITERAL = 3;

type Node =
  | { t: 'lit'; s: string } // folded literal text of one character ('' never)
  | { t: 'any' } // consumes something we do not model
  | { t: 'assert' } // zero-width
  | { t: 'alt'; branches: Node[][] }
  | { t: 'quant'; node: Node; min: number; max: number };

class Unsupported extends Error {}

/** The folded form the literals are compared against (see the header). */
export function foldText(text: string): string {
  return text.toLowerCase().replace(/\u017f/g, 's').replace(/\s+/g, ' ');
}

const collapse = (s: string): string => s.replace(/ {2,}/g, ' ');

function literalChar(ch: string): Node {
  const code = ch.codePointAt(0)!;
  if (/\s/.test(ch)) return { t: 'lit', s: ' ' };
  if (code > 0x7e || code < 0x20) return { t: 'any' };
  return { t: 'lit', s: ch.toLowerCase() };
}

function parse(src: string): Node[] {
  let i = 0;
  const peek = (): string | undefined => src[i];

  const parseEscape = (inClass: boolean): Node | 'assert' => {
    const c = src[i++];
    if (c === undefined) throw new Unsupported('trailing backslash');
    switch (c) {
      case 's':
        return { t: 'lit', s: ' ' };
      case 'n':
      case 't':
      case 'r':
      case 'f':
      case 'v':
        return { t: 'lit', s: ' ' };
      case 'b':
      case 'B':
        if (inClass) throw new Unsupported('\\b in class');
        return 'assert';
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 'S':
      case '0':
        return { t: 'any' };
      case 'p':
      case 'P': {
        const end = src.indexOf('}', i);
        if (src[i] !== '{' || end < 0) throw new Unsupported('bad \\p');
        i = end + 1;
        return { t: 'any' };
      }
      case 'u': {
        if (src[i] === '{') {
          const end = src.indexOf('}', i);
          if (end < 0) throw new Unsupported('bad \\u{}');
          i = end + 1;
        } else i += 4;
        return { t: 'any' };
      }
      case 'x':
        i += 2;
        return { t: 'any' };
      case 'c':
        i += 1;
        return { t: 'any' };
      case 'k': {
        const end = src.indexOf('>', i);
        if (src[i] !== '<' || end < 0) throw new Unsupported('bad \\k');
        i = end + 1;
        return { t: 'any' };
      }
      default:
        if (/[1-9]/.test(c)) {
          while (/[0-9]/.test(src[i] ?? '')) i++;
          return { t: 'any' };
        }
        return literalChar(c);
    }
  };

  const parseClass = (): Node => {
    // i is just past '['
    let negated = false;
    if (src[i] === '^') {
      negated = true;
      i++;
    }
    const chars = new Set<string>();
    let modelled = !negated;
    for (;;) {
      const c = src[i];
      if (c === undefined) throw new Unsupported('unterminated class');
      if (c === ']') {
        i++;
        break;
      }
      let item: Node;
      if (c === '\\') {
        i++;
        const e = parseEscape(true);
        item = e === 'assert' ? { t: 'any' } : e;
      } else {
        i += String.fromCodePoint(c.codePointAt(0)!).length;
        item = literalChar(String.fromCodePoint(c.codePointAt(0)!));
      }
      // A range (a-z) is not modelled; neither is anything that is not a single literal.
      if (src[i] === '-' && src[i + 1] !== ']') modelled = false;
      if (item.t !== 'lit') modelled = false;
      else chars.add(item.s);
    }
    if (!modelled || chars.size === 0 || chars.size > 8) return { t: 'any' };
    return { t: 'alt', branches: [...chars].map((s) => [{ t: 'lit', s } as Node]) };
  };

  const parseAlt = (): Node => {
    const branches: Node[][] = [[]];
    for (;;) {
      const c = peek();
      if (c === undefined || c === ')') break;
      if (c === '|') {
        i++;
        branches.push([]);
        continue;
      }
      let atom: Node;
      if (c === '(') {
        i++;
        let kind: 'group' | 'look' = 'group';
        if (src[i] === '?') {
          const n = src[i + 1];
          if (n === ':') i += 2;
          else if (n === '=' || n === '!') {
            i += 2;
            kind = 'look';
          } else if (n === '<' && (src[i + 2] === '=' || src[i + 2] === '!')) {
            i += 3;
            kind = 'look';
          } else if (n === '<') {
            const end = src.indexOf('>', i);
            if (end < 0) throw new Unsupported('bad group name');
            i = end + 1;
          } else throw new Unsupported(`group (?${n}`);
        }
        const inner = parseAlt();
        if (src[i] !== ')') throw new Unsupported('unbalanced (');
        i++;
        atom = kind === 'look' ? { t: 'assert' } : inner;
      } else if (c === '[') {
        i++;
        atom = parseClass();
      } else if (c === '\\') {
        i++;
        const e = parseEscape(false);
        atom = e === 'assert' ? { t: 'assert' } : e;
      } else if (c === '^' || c === '$') {
        i++;
        atom = { t: 'assert' };
      } else if (c === '.') {
        i++;
        atom = { t: 'any' };
      } else if (c === '*' || c === '+' || c === '?' || c === '{' || c === ']' || c === '}') {
        throw new Unsupported(`unexpected ${c}`);
      } else {
        const ch = String.fromCodePoint(c.codePointAt(0)!);
        i += ch.length;
        atom = literalChar(ch);
      }
      // Quantifier
      const q = peek();
      let min = 1;
      let max = 1;
      if (q === '*' || q === '+' || q === '?') {
        i++;
        [min, max] = q === '*' ? [0, Infinity] : q === '+' ? [1, Infinity] : [0, 1];
      } else if (q === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
        if (!m) throw new Unsupported('bad {');
        i += m[0].length;
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      }
      if (min !== 1 || max !== 1) {
        if (atom.t === 'assert') throw new Unsupported('quantified assertion');
        if (peek() === '?') i++; // lazy: same strings
        atom = { t: 'quant', node: atom, min, max };
      }
      branches[branches.length - 1]!.push(atom);
    }
    return branches.length === 1 && branches[0]!.length === 1 ? branches[0]![0]! : { t: 'alt', branches };
  };

  const top = parseAlt();
  if (i !== src.length) throw new Unsupported('unbalanced )');
  return [top];
}

function cross(a: Set<string>, b: Set<string>): Set<string> | null {
  if (a.size * b.size > CAP) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(collapse(x + y));
  return out;
}

/** A usable OR-set from an exact set: every alternative long enough to be worth a lookup. */
function usable(set: Iterable<string>): string[] | null {
  const list = [...set];
  if (list.length === 0 || list.length > OR_CAP) return null;
  if (!list.every((s) => s.length >= MIN_LITERAL && s.trim() !== '')) return null;
  // "sorry again" is implied by "sorry": keep only the strings that contain no other.
  return list.filter((s, i) => !list.some((t, j) => j !== i && s.includes(t) && (t !== s || j < i)));
}

function best(info: Info): string[] | null {
  const candidates = [...info.need];
  if (info.exact) {
    const u = usable(info.exact);
    if (u) candidates.push(u);
  }
  let pick: string[] | null = null;
  let score = -1;
  for (const c of candidates) {
    const s = Math.min(...c.map((x) => x.trim().length)) - c.length / 100;
    if (s > score) {
      score = s;
      pick = c;
    }
  }
  return pick;
}

function analyse(node: Node): Info {
  switch (node.t) {
    case 'lit':
      return { exact: new Set([node.s]), need: [] };
    case 'any':
      return { exact: null, need: [] };
    case 'assert':
      return { exact: new Set(['']), need: [] };
    case 'quant': {
      const inner = analyse(node.node);
      const onlySpace = inner.exact && [...inner.exact].every((s) => /^ *$/.test(s));
      if (onlySpace) {
        // Whitespace runs fold to one space: \s+ is ' ', \s* is '' or ' ' (each string is '' or ' ').
        const out = new Set(inner.exact);
        if (node.min === 0) out.add('');
        return { exact: out, need: [] };
      }
      if (node.min === 0) {
        if (node.max === 1 && inner.exact) return { exact: new Set([...inner.exact, '']), need: [] };
        return { exact: null, need: [] };
      }
      if (inner.exact && node.max === node.min && node.min <= 3) {
        let acc: Set<string> | null = new Set(['']);
        for (let k = 0; k < node.min && acc; k++) acc = cross(acc, inner.exact);
        if (acc) return { exact: acc, need: inner.need };
      }
      const need = [...inner.need];
      const u = inner.exact ? usable(inner.exact) : null;
      if (u) need.push(u);
      return { exact: null, need };
    }
    case 'alt': {
      const infos = node.branches.map(analyseSeq);
      if (infos.length === 1) return infos[0]!;
      if (infos.every((x) => x.exact)) {
        const union = new Set<string>();
        for (const x of infos) for (const s of x.exact!) union.add(s);
        if (union.size <= CAP) return { exact: union, need: [] };
      }
      const picks = infos.map(best);
      if (picks.some((p) => p === null)) return { exact: null, need: [] };
      const union = usable(new Set(picks.flat() as string[]));
      return { exact: null, need: union ? [union] : [] };
    }
  }
}

function commonSuffix(set: Set<string>): string {
  let suffix: string | null = null;
  for (const s of set) {
    if (suffix === null) suffix = s;
    else {
      let k = 0;
      while (k < suffix.length && k < s.length && suffix[suffix.length - 1 - k] === s[s.length - 1 - k]) k++;
      suffix = suffix.slice(suffix.length - k);
    }
    if (suffix === '') break;
  }
  return suffix ?? '';
}

function analyseSeq(items: Node[]): Info {
  const need: string[][] = [];
  let run: Set<string> = new Set(['']);
  let whole = true;
  const flush = (): void => {
    const u = usable(run);
    if (u) need.push(u);
    run = new Set(['']);
  };
  for (const item of items) {
    const info = analyse(item);
    need.push(...info.need);
    // Each part on its own is also required ("sorry" in "(?:i'm )?sorry"): a smaller set that is
    // cheaper to check than the whole run's combinations.
    const own = info.exact && info.exact.size <= 8 ? usable(info.exact) : null;
    if (own) need.push(own);
    if (info.exact) {
      const next = cross(run, info.exact);
      if (next) run = next;
      else {
        // Too many combinations: keep what every string of the run ends with ("by ", "via " → " ")
        // in front of the next part, so "(?:by|via) (?:dm|chat)" still requires " dm" or " chat".
        whole = false;
        const tail = commonSuffix(run);
        flush();
        run = new Set([...info.exact].map((x) => collapse(tail + x)));
      }
    } else {
      whole = false;
      flush();
    }
  }
  if (whole) return { exact: run, need };
  flush();
  return { exact: null, need };
}

/**
 * Bump when the analysis changes what it returns: `npm run build` stores requirements for the
 * shipped patterns in dist/rule-data.json under this version, and a stale file must not be used.
 */
export const PREFILTER_VERSION = 2;
const primed = new Map<string, Requirement | null>();
let stored: Record<string, string> | null = null;

// Stored compactly (one string per pattern, decoded on first use) because parsing hundreds of
// thousands of small JSON strings at start-up cost more than it saved.
const SET_SEP = '\u0002';
const STR_SEP = '\u0001';

export function encodeRequirement(need: Requirement | null): string {
  return need ? need.map((set) => set.join(STR_SEP)).join(SET_SEP) : '';
}

function decodeRequirement(text: string): Requirement | null {
  return text === '' ? null : text.split(SET_SEP).map((set) => set.split(STR_SEP));
}

/**
 * True when `source` is one of the shipped patterns analysed at build time, which the build also
 * compiled (/giu): only patterns that compile are stored. Such a pattern's regex can be built
 * when it first runs, since its syntax is known to be valid.
 */
export function isShippedPattern(source: string): boolean {
  return stored !== null && Object.hasOwn(stored, source);
}

/** Requirements computed at build time (scripts/build.mjs), used when the version matches. */
export function primeRequirements(version: unknown, needs: Record<string, string> | undefined): void {
  if (version !== PREFILTER_VERSION || !needs) return;
  stored = needs;
}

/**
 * What a match of `source` (compiled /iu) must contain, in folded form; null when nothing useful
 * is known or the source uses syntax this analysis does not model (the regex then always runs).
 */
export function requiredLiterals(source: string): Requirement | null {
  let need = primed.get(source);
  if (need === undefined) {
    const known = stored && Object.hasOwn(stored, source) ? stored[source] : undefined;
    need = known !== undefined ? decodeRequirement(known) : analyseSource(source);
    primed.set(source, need);
  }
  return need;
}

function analyseSource(source: string): Requirement | null {
  let info: Info;
  try {
    const [top] = parse(source);
    info = analyse(top!);
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
  const sets = [...info.need];
  if (info.exact) {
    const u = usable(info.exact);
    if (u) sets.push(u);
  }
  // Keep two sets, cheapest first: mayMatch stops at the first set absent from the text, so on
  // most texts only that one is checked. One set balances rarity (long literals) against cost (few
  // alternatives); the other is the rarest, so that a text passing both rarely fails the regex.
  const rarity = (set: string[]): number => Math.min(8, Math.min(...set.map((x) => x.trim().length)));
  const balanced = [...sets].sort((a, b) => rarity(b) * 4 - b.length - (rarity(a) * 4 - a.length))[0];
  const rarest = [...sets].sort((a, b) => rarity(b) - rarity(a) || a.length - b.length)[0];
  const out: string[][] = [];
  for (const set of [balanced, rarest]) if (set && !out.includes(set)) out.push(set);
  out.sort((a, b) => a.length - b.length);
  return out.length ? out : null;
}

/** True when the folded text contains one string of every set. */
export function mayMatch(folded: string, need: Requirement | null): boolean {
  if (!need) return true;
  for (const set of need) {
    let any = false;
    for (const s of set) {
      if (folded.includes(s)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}

// A cheaper test before each `includes`. Testing a reply against the patterns' literal sets one
// `includes` at a time was most of the CPU time of linting a library (~4,000 per reply). Almost
// all of those literals are absent, and most absent literals contain a pair of characters the
// text does not: so the text's character pairs (bigrams) are noted once, in a table, and a
// literal is searched for only when four of its bigrams (first, last, two between) are all there.
// The test can only say "absent" when the literal really is absent, so the result is the same.

/** A requirement ready for `mayMatchFast`: per set, its literals and their bigram codes. */
export interface FastRequirement {
  sets: Array<{ literals: string[]; bigrams: Int32Array }>;
}

const PER_LITERAL = 4;

/** The bigram code of s[i], s[i+1], or -1 when either is not ASCII. */
function bigram(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  return (a | b) > 0x7f ? -1 : (a << 7) | b;
}

function literalBigrams(s: string, out: Int32Array, at: number): void {
  const last = s.length - 2;
  const picks = last < 0 ? [] : [...new Set([0, last, Math.floor(last / 3), Math.floor((2 * last) / 3)])];
  for (let k = 0; k < PER_LITERAL; k++) {
    const code = k < picks.length ? bigram(s, picks[k]!) : -1;
    out[at + k] = code;
  }
}

export function fastRequirement(need: Requirement): FastRequirement {
  return {
    sets: need.map((literals) => {
      const bigrams = new Int32Array(literals.length * PER_LITERAL);
      literals.forEach((s, i) => literalBigrams(s, bigrams, i * PER_LITERAL));
      return { literals, bigrams };
    }),
  };
}

// present[code] === generation: the last text noted has that bigram.
const present = new Uint32Array(1 << 14);
let generation = 0;
let notedText: string | null = null;

function note(folded: string): void {
  if (folded === notedText) return;
  generation = (generation + 1) >>> 0;
  if (generation === 0) {
    present.fill(0);
    generation = 1;
  }
  const g = generation;
  for (let i = 0, end = folded.length - 1; i < end; i++) {
    const code = bigram(folded, i);
    if (code >= 0) present[code] = g;
  }
  notedText = folded;
}

// On a long text (a 5 MB export linted as one document) nearly every bigram is present and each
// `includes` may scan megabytes: there the text gets an index instead, the positions of each
// of its ASCII trigrams, and a literal is looked for only where its rarest trigram occurs.
const LONG_TEXT = 50_000;

class TrigramIndex {
  /** starts[key] .. starts[key + 1]: where `positions` lists the trigram's occurrences. */
  private readonly starts: Uint32Array;
  private readonly positions: Uint32Array;
  private readonly known = new Map<string, boolean>();

  constructor(private readonly text: string) {
    // A counting sort of the positions by trigram, in one table: counts, then running ends,
    // then (filling from the back) starts.
    const starts = new Uint32Array((1 << 21) + 1);
    const end = text.length - 2;
    for (let i = 0; i < end; i++) {
      const key = trigram(text, i);
      if (key >= 0) starts[key]!++;
    }
    for (let k = 1; k < starts.length; k++) starts[k]! += starts[k - 1]!;
    const positions = new Uint32Array(starts[(1 << 21) - 1]!);
    for (let i = end - 1; i >= 0; i--) {
      const key = trigram(text, i);
      if (key >= 0) positions[--starts[key]!] = i;
    }
    starts[1 << 21] = positions.length;
    this.starts = starts;
    this.positions = positions;
  }

  includes(literal: string): boolean {
    let found = this.known.get(literal);
    if (found === undefined) {
      found = this.search(literal);
      this.known.set(literal, found);
    }
    return found;
  }

  private search(literal: string): boolean {
    if (literal.length < 3) return this.text.includes(literal);
    let best = -1;
    let bestCount = Infinity;
    for (let i = 0; i + 3 <= literal.length; i++) {
      const key = trigram(literal, i);
      if (key < 0) return this.text.includes(literal);
      const count = this.starts[key + 1]! - this.starts[key]!;
      if (count < bestCount) {
        bestCount = count;
        best = i;
        if (count === 0) return false;
      }
    }
    const key = trigram(literal, best);
    for (let k = this.starts[key]!, end = this.starts[key + 1]!; k < end; k++) {
      if (this.text.startsWith(literal, this.positions[k]! - best)) return true;
    }
    return false;
  }
}

function trigram(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  return (a | b | c) > 0x7f ? -1 : (a << 14) | (b << 7) | c;
}

// Rules read a long document in a few forms (the whole text, its body, lower-cased): the last
// few indexes are kept, ~8 MB plus 4 bytes per character each.
const longIndexes: Array<{ text: string; index: TrigramIndex }> = [];

function mayMatchLong(folded: string, need: FastRequirement): boolean {
  let at = longIndexes.findIndex((x) => x.text === folded);
  if (at < 0) {
    longIndexes.unshift({ text: folded, index: new TrigramIndex(folded) });
    if (longIndexes.length > 3) longIndexes.pop();
    at = 0;
  }
  const { index } = longIndexes[at]!;
  return need.sets.every(({ literals }) => literals.some((s) => index.includes(s)));
}

/** mayMatch, with the bigram test in front of each `includes`: the same answer, sooner. */
export function mayMatchFast(folded: string, need: FastRequirement | null): boolean {
  if (!need) return true;
  if (folded.length > LONG_TEXT) return mayMatchLong(folded, need);
  note(folded);
  const g = generation;
  for (const { literals, bigrams } of need.sets) {
    let any = false;
    for (let i = 0, n = literals.length; i < n; i++) {
      const at = i * PER_LITERAL;
      let maybe = true;
      for (let k = 0; k < PER_LITERAL; k++) {
        const code = bigrams[at + k]!;
        if (code >= 0 && present[code] !== g) {
          maybe = false;
          break;
        }
      }
      if (maybe && folded.includes(literals[i]!)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  return true;
}
