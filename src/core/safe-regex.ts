// Patterns written by team leads (custom rules, vocabulary) must never hang attune. JavaScript's
// regex engine backtracks, so a pattern like (a+)+$ takes exponential time on "aaaa…!". Two
// defences, both needed:
//  1. a static check (this module) rejects patterns whose repetition is ambiguous: a repeated group
//     whose inner repetition can run into the next iteration ((a+)+, (\w+\s?)*, (.*a){12}), a
//     repeated alternation whose branches can start alike ((a|a)*, (a|aa)+), three or more adjacent
//     overlapping unbounded repeats (.*.*.*), and patterns that can match nothing at all;
//  2. input bounding (custom-rules.ts): user patterns run one sentence at a time, in windows of at
//     most MAX_MATCH_INPUT characters, so the polynomial cases the check lets through (.*\d+) stay
//     bounded.
// The check is conservative: it may reject a safe pattern, never the reverse for the shapes above;
// every rejection says what to write instead. Char sets are compared on a fixed sample of
// characters (ASCII plus a few non-ASCII letters, spaces and symbols), which is exact for the
// classes people write (\w, \s, \d, [a-z], ., literals) and approximate for exotic \p{…} ones.

/** Longest text a user pattern is run over in one go (see custom-rules.ts). */
export const MAX_MATCH_INPUT = 1000;

export interface RegexProblem {
  /** What is wrong, for the config error: `pattern /(a+)+/ can take exponential time: …`. */
  message: string;
}

type Node =
  | { t: 'seq'; items: Node[] }
  | { t: 'alt'; branches: Node[] }
  | { t: 'group'; body: Node; zeroWidth: boolean }
  | { t: 'quant'; body: Node; min: number; max: number; src: string }
  | { t: 'atom'; set: CharSet }
  | { t: 'assert' }
  | { t: 'backref' };

type CharSet = Uint8Array;

const SAMPLES: string[] = (() => {
  const out: string[] = ['\t', '\n', '\r'];
  for (let c = 32; c < 127; c++) out.push(String.fromCharCode(c));
  out.push('é', 'ß', 'Ж', 'ж', 'ا', '中', '😀', '\u00a0', '\u2019', '\u201c', '\u2014', '\u2026', '\ufffc', '\u0301');
  return out;
})();

const setCache = new Map<string, CharSet>();
function charSet(atomSource: string): CharSet {
  let set = setCache.get(atomSource);
  if (set) return set;
  set = new Uint8Array(SAMPLES.length);
  let re: RegExp | null = null;
  try {
    re = new RegExp(`^(?:${atomSource})$`, 'iu');
  } catch {
    re = null;
  }
  for (let i = 0; i < SAMPLES.length; i++) set[i] = re ? (re.test(SAMPLES[i]!) ? 1 : 0) : 1;
  setCache.set(atomSource, set);
  return set;
}
const ANY: CharSet = new Uint8Array(SAMPLES.length).fill(1);
const EMPTY = (): CharSet => new Uint8Array(SAMPLES.length);
function union(a: CharSet, b: CharSet): CharSet {
  const out = EMPTY();
  for (let i = 0; i < out.length; i++) out[i] = a[i]! | b[i]!;
  return out;
}
function overlaps(a: CharSet, b: CharSet): boolean {
  for (let i = 0; i < a.length; i++) if (a[i]! & b[i]!) return true;
  return false;
}
function isEmptySet(a: CharSet): boolean {
  return !a.some((x) => x);
}

/** A small parser for JavaScript regex syntax; the source is already known to compile with /u. */
class Parser {
  private i = 0;
  constructor(private readonly src: string) {}

  parse(): Node {
    const node = this.alternation();
    return node;
  }

  private alternation(): Node {
    const branches = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      branches.push(this.sequence());
    }
    return branches.length === 1 ? branches[0]! : { t: 'alt', branches };
  }

  private sequence(): Node {
    const items: Node[] = [];
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const start = this.i;
      let node = this.term();
      node = this.quantifier(node, start);
      items.push(node);
    }
    return { t: 'seq', items };
  }

  private quantifier(body: Node, start: number): Node {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      [min, max] = c === '*' ? [0, Infinity] : c === '+' ? [1, Infinity] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return body;
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    } else {
      return body;
    }
    if (this.src[this.i] === '?') this.i++;
    return this.quantifier({ t: 'quant', body, min, max, src: this.src.slice(start, this.i) }, start);
  }

  private term(): Node {
    const c = this.src[this.i]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    if (c === '^' || c === '$') {
      this.i++;
      return { t: 'assert' };
    }
    if (c === '.') {
      this.i++;
      return { t: 'atom', set: charSet('.') };
    }
    const cp = this.src.codePointAt(this.i)!;
    const ch = String.fromCodePoint(cp);
    this.i += ch.length;
    return { t: 'atom', set: charSet(ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')) };
  }

  private group(): Node {
    this.i++; // (
    let zeroWidth = false;
    if (this.src.startsWith('?:', this.i)) this.i += 2;
    else if (this.src.startsWith('?=', this.i) || this.src.startsWith('?!', this.i)) {
      this.i += 2;
      zeroWidth = true;
    } else if (this.src.startsWith('?<=', this.i) || this.src.startsWith('?<!', this.i)) {
      this.i += 3;
      zeroWidth = true;
    } else if (this.src.startsWith('?<', this.i)) {
      this.i = this.src.indexOf('>', this.i) + 1;
    }
    const body = this.alternation();
    this.i++; // )
    return { t: 'group', body, zeroWidth };
  }

  private charClass(): Node {
    const start = this.i;
    this.i++;
    if (this.src[this.i] === '^') this.i++;
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      if (this.src[this.i] === '\\') this.i++;
      this.i++;
    }
    this.i++;
    return { t: 'atom', set: charSet(this.src.slice(start, this.i)) };
  }

  private escape(): Node {
    const start = this.i;
    this.i++;
    const c = this.src[this.i]!;
    if (c === 'b' || c === 'B') {
      this.i++;
      return { t: 'assert' };
    }
    if (/[1-9]/.test(c)) {
      while (/\d/.test(this.src[this.i] ?? '')) this.i++;
      return { t: 'backref' };
    }
    if (c === 'k' && this.src[this.i + 1] === '<') {
      this.i = this.src.indexOf('>', this.i) + 1;
      return { t: 'backref' };
    }
    if ((c === 'p' || c === 'P') && this.src[this.i + 1] === '{') this.i = this.src.indexOf('}', this.i) + 1;
    else if (c === 'u' && this.src[this.i + 1] === '{') this.i = this.src.indexOf('}', this.i) + 1;
    else if (c === 'u') this.i += 5;
    else if (c === 'x') this.i += 3;
    else if (c === 'c') this.i += 2;
    else this.i += String.fromCodePoint(this.src.codePointAt(this.i)!).length;
    return { t: 'atom', set: charSet(this.src.slice(start, this.i)) };
  }
}

function nullable(n: Node): boolean {
  switch (n.t) {
    case 'seq':
      return n.items.every(nullable);
    case 'alt':
      return n.branches.some(nullable);
    case 'group':
      return n.zeroWidth || nullable(n.body);
    case 'quant':
      return n.min === 0 || nullable(n.body);
    case 'atom':
      return false;
    case 'assert':
    case 'backref':
      return true;
  }
}

/** Characters a match of n can start with. */
function first(n: Node): CharSet {
  switch (n.t) {
    case 'seq': {
      let out = EMPTY();
      for (const item of n.items) {
        out = union(out, first(item));
        if (!nullable(item)) break;
      }
      return out;
    }
    case 'alt':
      return n.branches.map(first).reduce(union, EMPTY());
    case 'group':
      return n.zeroWidth ? EMPTY() : first(n.body);
    case 'quant':
      return first(n.body);
    case 'atom':
      return n.set;
    case 'assert':
      return EMPTY();
    case 'backref':
      return ANY;
  }
}

/** Every character a match of n can contain. */
function chars(n: Node): CharSet {
  switch (n.t) {
    case 'seq':
      return n.items.map(chars).reduce(union, EMPTY());
    case 'alt':
      return n.branches.map(chars).reduce(union, EMPTY());
    case 'group':
      return n.zeroWidth ? EMPTY() : chars(n.body);
    case 'quant':
      return chars(n.body);
    case 'atom':
      return n.set;
    case 'assert':
      return EMPTY();
    case 'backref':
      return ANY;
  }
}

class Finder {
  problem: string | null = null;

  /**
   * Walk n. `follow` is what may come right after n inside the nearest enclosing repetition
   * (including that repetition's next iteration), or null outside any repetition.
   */
  walk(n: Node, follow: CharSet | null): void {
    if (this.problem) return;
    switch (n.t) {
      case 'seq':
        this.adjacentRepeats(n.items);
        n.items.forEach((item, i) => {
          let f: CharSet | null = null;
          if (follow) {
            f = EMPTY();
            let restNullable = true;
            for (const next of n.items.slice(i + 1)) {
              f = union(f, first(next));
              if (!nullable(next)) {
                restNullable = false;
                break;
              }
            }
            if (restNullable) f = union(f, follow);
          }
          this.walk(item, f);
        });
        return;
      case 'alt':
        if (follow) {
          const firsts = n.branches.map(first);
          for (let a = 0; a < firsts.length; a++) {
            for (let b = a + 1; b < firsts.length; b++) {
              if (overlaps(firsts[a]!, firsts[b]!)) {
                this.problem = 'a repeated alternation has branches that can match the same text, so a failed match tries every split (like (a|aa)+); make the branches start differently or move the common start out of the group';
                return;
              }
            }
          }
        }
        for (const b of n.branches) this.walk(b, follow);
        return;
      case 'group':
        this.walk(n.body, n.zeroWidth ? null : follow);
        return;
      case 'quant': {
        const repeats = n.max > 1;
        if (repeats && follow && overlaps(chars(n.body), follow)) {
          this.problem = `the repetition ${n.src} sits inside another repetition and can run into what follows it, so a failed match tries exponentially many splits (like (a+)+ or (\\w+\\s?)*); separate the repeated parts with something they cannot match, e.g. (?:\\S+\\s+){0,3}`;
          return;
        }
        if (repeats && nullable(n.body) && !isEmptySet(chars(n.body))) {
          this.problem = `the repetition ${n.src} repeats something that can match nothing; make its inside match at least one character`;
          return;
        }
        // Inside a repetition, the body's own next iteration follows it, plus whatever followed the quantifier.
        const inner = repeats ? union(first(n.body), follow ?? EMPTY()) : follow;
        this.walk(n.body, inner);
        return;
      }
      default:
        return;
    }
  }

  /** Three unbounded repeats in a row over overlapping characters (.*.*.*) are polynomial of high degree. */
  private adjacentRepeats(items: Node[]): void {
    let run: CharSet[] = [];
    for (const item of items) {
      if (item.t === 'quant' && item.max === Infinity) {
        const c = chars(item.body);
        if (run.length > 0 && !run.every((r) => overlaps(r, c))) run = [];
        run.push(c);
        if (run.length >= 3) {
          this.problem = 'three or more unbounded repetitions in a row can match the same characters (like .*.*.*); join them into one';
          return;
        }
      } else if (!nullable(item)) {
        run = [];
      }
    }
  }
}

/**
 * Why a user-supplied pattern source is unsafe, or null when it is fine. Call after checking that
 * the source compiles (new RegExp(source, 'u')).
 */
export function checkPattern(source: string): RegexProblem | null {
  const ast = new Parser(source).parse();
  const finder = new Finder();
  finder.walk(ast, null);
  if (finder.problem) return { message: `pattern /${source}/ can take exponential time: ${finder.problem}` };
  if (nullable(ast)) return { message: `pattern /${source}/ can match empty text, so it would flag nothing; make it match at least one character` };
  return null;
}

/**
 * Windows of at most MAX_MATCH_INPUT characters covering [from, to); consecutive windows overlap by
 * `overlap` characters so a phrase that straddles a cut is still seen whole in one of them.
 */
export function boundedWindows(from: number, to: number, overlap = 200): Array<[number, number]> {
  if (to - from <= MAX_MATCH_INPUT) return [[from, to]];
  const out: Array<[number, number]> = [];
  for (let s = from; s < to; s += MAX_MATCH_INPUT - overlap) {
    out.push([s, Math.min(to, s + MAX_MATCH_INPUT)]);
    if (s + MAX_MATCH_INPUT >= to) break;
  }
  return out;
}
