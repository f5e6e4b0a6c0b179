// PLACEHOLDER: the customer-message signal detector (crisis, distress, anger, confusion).
import type { Doc } from './document.js';
import type { SignalType } from './types.js';

export interface RawSignal {
  type: SignalType;
  /** Clean-text offsets in the customer's message. */
  start: number;
  end: number;
  cue: string;
}

export function detectSignals(_doc: Doc): RawSignal[] {
  return [];
}
