// Patterns written by team leads (custom rules, vocabulary) must never hang attune. JavaScript's
// regex engine backtracks, so a pattern like (a+)+$ takes exponential time on "aaaa…!". Two
// defences, both needed:
//  1. a static check (this module) rejects patterns whose repetition is ambiguous: a repeated group
//     whose inner repetition can run into the next iteration ((a+)+, (\w+\s?)*, (.*a){12}), a
//     repeated alternation with two branches matching the same text ((a|a)*, (?: (?:gladly|\w+ly))*)
//     or whose iterations can be split two ways ((a|aa)+, "some ", "deep ", "some deep ": checked
//     exactly with Sardinas–Patterson when the repeated part is a small set of literals), three or
//     more adjacent overlapping unbounded repeats (.*.*.*), and patterns that can match nothing;
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
  | { t: 'alt'; branches: Node[]; srcs: string[] }
  | { t: 'group'; body: Node; zeroWidth: boolean }
  | { t: 'quant'; body: Node; min: number; max: number; src: string }
  | { t: 'atom'; set: CharSet; lit?: string; lits?: string[] }
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
    let start = this.i;
    const branches = [this.sequence()];
    const srcs = [this.src.slice(start, this.i)];
    while (this.src[this.i] === '|') {
      this.i++;
      start = this.i;
      branches.push(this.sequence());
      srcs.push(this.src.slice(start, this.i));
    }
    return branches.length === 1 ? branches[0]! : { t: 'alt', branches, srcs };
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
    return { t: 'atom', set: charSet(ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')), lit: ch.toLowerCase() };
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
    const source = this.src.slice(start, this.i);
    const set = charSet(source);
    // A small positive class ([sz], [-–]) is a choice of literals, which keeps "generali[sz]ed " comparable.
    if (!source.startsWith('[^') && !/\\[dDwWsSpP]/.test(source)) {
      const chars = [...new Set(SAMPLES.filter((_, i) => set[i]).map((c) => c.toLowerCase()))];
      if (chars.length > 0 && chars.length <= 6) return { t: 'atom', set, lits: chars };
    }
    return { t: 'atom', set };
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
    else {
      const ch = String.fromCodePoint(this.src.codePointAt(this.i)!);
      this.i += ch.length;
      // \. \- \' … stand for themselves; \d \w \s \n … are classes.
      if (/[^\p{L}\p{N}]/u.test(ch)) return { t: 'atom', set: charSet(this.src.slice(start, this.i)), lit: ch };
    }
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

const MAX_EXPANSION = 300;
const SPACE = charSet('\\s');

function isSpace(n: Node): boolean {
  return n.t === 'atom' && (n.lit === ' ' || (n.lit === undefined && !n.lits && n.set.every((x, i) => x === SPACE[i])));
}

/** Every string n can match when that is a small finite set of literals (lower-cased), else null. */
function literals(n: Node): Set<string> | null {
  switch (n.t) {
    case 'atom':
      if (isSpace(n)) return new Set([' ']);
      return n.lit !== undefined ? new Set([n.lit]) : n.lits ? new Set(n.lits) : null;
    case 'seq': {
      let out = new Set(['']);
      for (const item of n.items) {
        const next = literals(item);
        if (!next) return null;
        const prod = new Set<string>();
        for (const a of out) for (const b of next) prod.add(a + b);
        if (prod.size > MAX_EXPANSION) return null;
        out = prod;
      }
      return out;
    }
    case 'alt': {
      const out = new Set<string>();
      for (const b of n.branches) {
        const l = literals(b);
        if (!l) return null;
        for (const x of l) out.add(x);
      }
      return out.size > MAX_EXPANSION ? null : out;
    }
    case 'group':
      return n.zeroWidth ? null : literals(n.body);
    case 'quant': {
      // A run of spaces (\s+, " +") is one separator token: words split the same way whatever its length.
      if (n.min >= 1 && isSpace(n.body)) return new Set([' ']);
      if (n.max > 3) return null;
      const body = literals(n.body);
      if (!body) return null;
      const out = new Set<string>();
      let layer = new Set(['']);
      for (let k = 0; k <= n.max; k++) {
        if (k >= n.min) for (const x of layer) out.add(x);
        const next = new Set<string>();
        for (const a of layer) for (const b of body) next.add(a + b);
        if (next.size > MAX_EXPANSION) return null;
        layer = next;
      }
      return out;
    }
    default:
      return null;
  }
}

/**
 * Sardinas–Patterson: can some text be split into codewords in two ways? ("a","aa": yes;
 * " also"," already": no.) Repeating an alternation of such a set is what makes (a|aa)+ explode.
 */
export function uniquelyDecodable(words: ReadonlySet<string>): boolean {
  if (words.has('')) return false;
  const dangling = (xs: Iterable<string>, ys: Iterable<string>): Set<string> => {
    const out = new Set<string>();
    for (const x of xs) for (const y of ys) if (x !== y && y.startsWith(x)) out.add(y.slice(x.length));
    return out;
  };
  let current = dangling(words, words);
  const seen = new Set<string>();
  while (current.size) {
    for (const d of current) if (words.has(d)) return false;
    const next = new Set<string>();
    for (const d of [...dangling(current, words), ...dangling(words, current)]) {
      if (!seen.has(d)) {
        seen.add(d);
        next.add(d);
      }
    }
    current = next;
  }
  return true;
}

class Finder {
  problem: string | null = null;
  /** Bodies of the repetitions enclosing the node being walked, innermost last. */
  private readonly repeats: Node[] = [];

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
        if (follow && this.ambiguousAlternation(n, follow)) {
          this.problem = 'a repeated alternation has branches that can match the same text, so a failed match tries every split (like (a|a)* or (a|aa)+); make the branches distinct, or end each repetition with something the branches cannot match';
          return;
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
        if (repeats) this.repeats.push(n.body);
        this.walk(n.body, inner);
        if (repeats) this.repeats.pop();
        return;
      }
      default:
        return;
    }
  }

  /**
   * Inside a repetition, an alternation explodes when two branches match the same text ((a|a)*),
   * or when one iteration's text can also be read as several ((a|aa)+). Literal branches are
   * compared exactly (and the repeated body, when it is a small set of literals, is checked for
   * unique decodability); branches with classes or repeats are compared by their first characters
   * and tested against the literal ones, which may reject a safe pattern but never misses these.
   */
  private ambiguousAlternation(n: Extract<Node, { t: 'alt' }>, follow: CharSet): boolean {
    const lits = n.branches.map(literals);
    for (let a = 0; a < n.branches.length; a++) {
      for (let b = a + 1; b < n.branches.length; b++) {
        const la = lits[a];
        const lb = lits[b];
        if (la && lb) {
          if ([...la].some((x) => lb.has(x))) return true;
        } else if (la || lb) {
          const [words, src] = la ? [la, n.srcs[b]!] : [lb!, n.srcs[a]!];
          let re: RegExp | null = null;
          try {
            re = new RegExp(`^(?:${src})$`, 'iu');
          } catch {
            return true;
          }
          if ([...words].some((w) => re!.test(w))) return true;
        } else if (overlaps(first(n.branches[a]!), first(n.branches[b]!))) {
          return true;
        }
      }
    }
    // What follows the alternation inside the repetition delimits the branches: no split ambiguity.
    if (!overlaps(chars(n), follow)) return false;
    const body = this.repeats.at(-1);
    const words = body ? literals(body) : null;
    return words ? !uniquelyDecodable(words) : true;
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
