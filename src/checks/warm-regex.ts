// Skip V8's regex interpreter for regexes about to run for the first time.
//
// V8 compiles a new regex to bytecode and interprets it on its first run, and compiles it to
// machine code only when it runs again ("tier-up"), unless the subject is at least 1,000
// characters long: then machine code at once. attune's regexes are long alternations of phrases
// with /iu Unicode classes, most of them run more than once, and interpreting them costs more
// than compiling: on one draft, the 105 regexes a lint runs took 35 ms with tier-up and 12 ms
// compiled at once. (`--no-regexp-tier-up` does the same, but only as a flag at process start:
// Node documents that changing V8 flags at run time may crash.)
//
// So a regex's first run is over a 1,000-character string of spaces of the same width as the
// text it is for (Latin-1 or UTF-16, which V8 compiles separately), starting at its end, so the
// scan is over before it starts. That run only compiles: the regex's state (lastIndex) is put
// back, and its result is never used. It is sound for any regex; it only costs time.

const SPACES = ' '.repeat(1000);
const PAD_LATIN1 = SPACES;
// One character outside Latin-1 makes the whole string UTF-16 in V8.
const PAD_UTF16 = `\uFFFC${SPACES.slice(1)}`;
const WIDE = /[^\0-\xff]/;

const warmed = new WeakSet<RegExp>();
let lastText = '';
let lastWide = false;

function isWide(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastWide = WIDE.test(text);
  }
  return lastWide;
}

/** Compile `re` to machine code for texts like `text`, unless that was done already. */
export function warm(re: RegExp, text: string): void {
  if (warmed.has(re)) return;
  warmed.add(re);
  compileFor(re, text);
}

/** The same, unconditionally (for a regex that was recompiled in place). */
export function compileFor(re: RegExp, text: string): void {
  const pad = isWide(text) ? PAD_UTF16 : PAD_LATIN1;
  const at = re.lastIndex;
  // Global and sticky regexes start at lastIndex: at the end there is nothing left to scan.
  re.lastIndex = pad.length;
  RegExp.prototype.exec.call(re, pad);
  re.lastIndex = at;
}
