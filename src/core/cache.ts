// The result cache (`--cache`, `--cache-location`). A file's findings are reused when its content
// hash (sha256) and the hash of everything else that shapes them (resolved config, customer
// context, reader) are unchanged; the whole cache is dropped when attune's version or the rule
// data (rules/*.yaml) changes. Like ESLint's `--cache-strategy content` rather than mtime, because
// a fresh clone or a CI checkout gives every file a new mtime. Keys are paths relative to the
// cache file's directory, so a cache restored from CI storage into another checkout still hits.
//
// It stores no draft text (drafts can hold customers' private data): a finding's `text`, and any
// part of a message, suggestion or fix that quotes the draft, is stored as an offset into the
// file and cut back out of it on a hit (a hit means the content is byte-identical). The customer's
// message (--context) is never stored: its analysis is the current run's.

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { RULES_DIR } from './rule-data.js';
import type { DocumentResult, Finding } from './types.js';

export const CACHE_FORMAT = 1;
export const DEFAULT_CACHE_LOCATION = '.attunecache';

type StoredFinding = Omit<Finding, 'text'>;
type StoredResult = Omit<DocumentResult, 'file' | 'findings' | 'context'> & { context: null; findings: StoredFinding[] };

interface CacheEntry {
  contentHash: string;
  configHash: string;
  results: StoredResult[];
}

interface CacheFile {
  cacheFormat: number;
  /** Anything that invalidates every entry at once: attune version + rule data. */
  stamp: string;
  entries: Record<string, CacheEntry>;
}

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Stable JSON (sorted keys) so equal configs hash equally whatever order they were written in. */
export function stableStringify(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(obj[k])}`).join(',')}}`;
}

export function hashValue(value: unknown): string {
  return sha256(stableStringify(value));
}

/** Hash of every rules/*.yaml (names and contents): editing phrase data must invalidate results. */
export async function ruleDataHash(dir: string = RULES_DIR): Promise<string> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => /\.ya?ml$/.test(n)).sort();
  const h = createHash('sha256');
  for (const name of names) {
    h.update(name).update('\u0000');
    h.update(await readFile(join(dir, name))).update('\u0000');
  }
  return h.digest('hex');
}

/** Write through a temporary file in the same directory and rename: readers never see half a file. */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  await mkdir(dirname(resolve(path)), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data, 'utf8');
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** ESLint's convention: a location that is a directory (or ends with a slash) gets the default name in it. */
export async function resolveCacheLocation(location: string, cwd: string): Promise<string> {
  const abs = resolve(cwd, location);
  if (/[\\/]$/.test(location)) return join(abs, DEFAULT_CACHE_LOCATION);
  const st = await stat(abs).catch(() => null);
  return st?.isDirectory() ? join(abs, DEFAULT_CACHE_LOCATION) : abs;
}

// ---------------------------------------------------------------------------------------------
// Keeping draft text out of the cache file

const REF_OPEN = '\uE000';
const REF_CLOSE = '\uE001';
const REF_RE = /\uE000(\d+):(\d+)\uE001/g;
const QUOTED_RE = /["\u201C]([^"\u201C\u201D\n]{2,})["\u201D]/g;

class Unstorable extends Error {}

function ref(offset: number, length: number): string {
  return `${REF_OPEN}${offset}:${length}${REF_CLOSE}`;
}

/** Replace what a string quotes from the draft by references into the draft. */
function redact(s: string, source: string, matched: string): string {
  if (s.includes(REF_OPEN) || s.includes(REF_CLOSE)) throw new Unstorable();
  if (s.length >= 2) {
    const whole = source.indexOf(s);
    if (whole >= 0) return ref(whole, s.length);
  }
  let out = s.replace(QUOTED_RE, (m, inner: string) => {
    const at = source.indexOf(inner);
    return at >= 0 ? m.replace(inner, ref(at, inner.length)) : m;
  });
  if (matched.length >= 2) {
    const at = source.indexOf(matched);
    if (at >= 0) out = out.split(matched).join(ref(at, matched.length));
  }
  return out;
}

function redactDeep<T>(value: T, source: string, matched: string): T {
  if (typeof value === 'string') return redact(value, source, matched) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, source, matched)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, source, matched);
    return out as T;
  }
  return value;
}

function restoreDeep<T>(value: T, source: string): T {
  if (typeof value === 'string') return value.replace(REF_RE, (_, o: string, l: string) => source.slice(Number(o), Number(o) + Number(l))) as T;
  if (Array.isArray(value)) return value.map((v) => restoreDeep(v, source)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = restoreDeep(v, source);
    return out as T;
  }
  return value;
}

export interface CacheStats {
  hits: number;
  misses: number;
}

export class ResultCache {
  private entries: Record<string, CacheEntry> = {};
  private readonly used = new Set<string>();
  private dirty = false;
  readonly stats: CacheStats = { hits: 0, misses: 0 };

  private constructor(
    /** Absolute path of the cache file. */
    readonly path: string,
    private readonly stamp: string,
  ) {}

  /**
   * Open the cache at `path` (absolute). `stamp` must change whenever every entry becomes stale
   * (attune version, rule data). A missing, unreadable, corrupt or stale file is an empty cache:
   * the cache is an optimisation and must never make a run fail.
   */
  static async open(path: string, stamp: string): Promise<ResultCache> {
    const cache = new ResultCache(path, stamp);
    try {
      const data = JSON.parse(await readFile(path, 'utf8')) as Partial<CacheFile>;
      if (data.cacheFormat === CACHE_FORMAT && data.stamp === stamp && data.entries && typeof data.entries === 'object') {
        cache.entries = data.entries;
      } else {
        cache.dirty = true;
      }
    } catch {
      cache.dirty = true;
    }
    return cache;
  }

  static stampFor(version: string, rulesHash: string): string {
    return sha256(`attune@${version}\u0000${rulesHash}`);
  }

  private key(absPath: string): string {
    return relative(dirname(this.path), absPath).split(sep).join('/');
  }

  /**
   * Results for a file whose content and config are unchanged, or null. `file` is the display name
   * of this run (it may differ from the run that filled the cache); `text` the file's content;
   * `context` this run's analysis of the customer's message, if any.
   */
  get(absPath: string, file: string, text: string, configHash: string, context: DocumentResult['context'] = null): DocumentResult[] | null {
    const key = this.key(absPath);
    const entry = this.entries[key];
    if (!entry || entry.contentHash !== sha256(text) || entry.configHash !== configHash) {
      this.stats.misses++;
      return null;
    }
    this.used.add(key);
    this.stats.hits++;
    return entry.results.map((r) => ({
      ...r,
      file,
      context,
      findings: r.findings.map((f) => ({ ...restoreDeep(f, text), text: text.slice(f.range[0], f.range[1]) })),
    })) as DocumentResult[];
  }

  /** Store a file's results. Returns false (and stores nothing) when they cannot be stored text-free. */
  set(absPath: string, text: string, configHash: string, results: readonly DocumentResult[]): boolean {
    const key = this.key(absPath);
    this.used.add(key);
    this.dirty = true;
    let stored: StoredResult[];
    try {
      stored = results.map(({ file: _file, context: _context, findings, ...rest }) => ({
        ...rest,
        context: null,
        // Only the free-text fields can quote the draft; ids, severities and numbers stay as they are.
        findings: findings.map(({ text: matched, message, suggestions, fix, ...f }) => ({
          ...f,
          message: redact(message, text, matched),
          suggestions: redactDeep(suggestions, text, matched),
          fix: redactDeep(fix, text, matched),
        })),
      }));
    } catch (err) {
      if (!(err instanceof Unstorable)) throw err;
      delete this.entries[key];
      return false;
    }
    this.entries[key] = { contentHash: sha256(text), configHash, results: stored };
    return true;
  }

  /** Forget a file (for instance one that failed to lint). */
  delete(absPath: string): void {
    const key = this.key(absPath);
    if (key in this.entries) {
      delete this.entries[key];
      this.dirty = true;
    }
  }

  /** Entries for files that no longer exist are dropped so the cache does not grow forever. */
  async save(): Promise<void> {
    const entries: Record<string, CacheEntry> = {};
    const dir = dirname(this.path);
    for (const key of Object.keys(this.entries).sort()) {
      if (!this.used.has(key) && !(await stat(resolve(dir, key)).catch(() => null))) {
        this.dirty = true;
        continue;
      }
      entries[key] = this.entries[key]!;
    }
    if (!this.dirty) return;
    const data: CacheFile = { cacheFormat: CACHE_FORMAT, stamp: this.stamp, entries };
    await writeFileAtomic(this.path, `${JSON.stringify(data)}\n`);
    this.dirty = false;
  }
}
