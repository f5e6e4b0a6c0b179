// Errors the user can act on. The CLI prints `message` on one line and exits 2; the stack is only
// shown with --debug. A location is "file", "file:line:column" or "file: key.path".

export type ErrorCode = 'usage' | 'config' | 'input' | 'internal';

export class AttuneError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly location?: string,
    options?: { cause?: unknown },
  ) {
    super(location ? `${location}: ${message}` : message, options);
    this.name = 'AttuneError';
  }
}

/** A rule broke its contract or threw while checking a document. */
export class RuleCrash extends AttuneError {
  constructor(readonly ruleId: string, readonly file: string, cause: unknown) {
    super('internal', `rule "${ruleId}" crashed: ${cause instanceof Error ? cause.message : String(cause)}`, file, { cause });
    this.name = 'RuleCrash';
  }
}
