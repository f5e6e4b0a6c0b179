// The result cache (`--cache`, `--cache-location`). A file's findings are reused when its content
// hash (sha256) and the hash of everything else that shapes them (resolved config, customer
// context, reader) are unchanged; the whole cache is dropped when attune's version or the rule
// data (rules/*.yaml) changes. Like ESLint's `--cache-strategy content` rather than mtime, because
// a fresh clone or a CI checkout gives every file a new mtime. Keys are paths relative to the
// cache file's directory, so a cache restored from CI storage into another checkout still hits.
//
// It stores findings without the text they cover (drafts can hold private data); the text is cut
// back out of the file on a hit, since a hit means the content is byte-identical.

import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { RULES_DIR } from './rule-data.js';
import type { DocumentResult, Finding } from './types.js';

export const CACHE_FORMAT = 1;
export const DEFAULT_CACHE_LOCATION = '.attunecache';

type StoredFinding = Omit<Finding, 'text'>;
type StoredResult = Omit<DocumentResult, 'file' | 'findings'> & { findings: StoredFinding[] };

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
   * of this run (it may differ from the run that filled the cache); `text` the file's content.
   */
  get(absPath: string, file: string, text: string, configHash: string): DocumentResult[] | null {
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
      findings: r.findings.map((f) => ({ ...f, text: text.slice(f.range[0], f.range[1]) })),
    })) as DocumentResult[];
  }

  set(absPath: string, text: string, configHash: string, results: readonly DocumentResult[]): void {
    const key = this.key(absPath);
    this.used.add(key);
    this.dirty = true;
    this.entries[key] = {
      contentHash: sha256(text),
      configHash,
      results: results.map(({ file: _file, findings, ...rest }) => ({
        ...rest,
        findings: findings.map(({ text: _text, ...f }) => f),
      })),
    };
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
