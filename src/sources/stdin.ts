// Reading a draft from stdin. Takes any async-iterable stream so the CLI can be run in-process
// with a fake stdin in tests.

export type InputStream = AsyncIterable<string | Uint8Array>;

export async function readStream(stream: InputStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  return stripBom(Buffer.concat(chunks).toString('utf8'));
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export const STDIN_FILE = '<stdin>';
