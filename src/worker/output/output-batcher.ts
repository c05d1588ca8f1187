import { OUTPUT_LIMIT_CHARS, type OutputSegment, type OutputStream, type RichItem } from '../../shared/protocol.js';

// Taken before RunOwners wraps the timers: flushing must go on even after the run that wrote is released.
const { setTimeout, clearTimeout } = globalThis;

/** Called with what one owner wrote, in order, once per owner per flush. */
type Send = (owner: number, segments: OutputSegment[]) => void;

/**
 * Collects what Python writes to stdout/stderr and hands it on in the order written. Sends are
 * rationed like a token bucket: an occasional print goes out at once (even just before a long
 * computation, when no timer can fire), while a print loop is held to about one message per
 * interval. Past the limit, the oldest text of a stream is dropped (and counted) rather than sent.
 * Each piece of text keeps its owner (the run it belongs to, see RunOwners).
 */
export class OutputBatcher {
  readonly #decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  #segments: Array<{ owner: number; stream: OutputStream; text: string } | { owner: number; item: RichItem }> = [];
  readonly #pending = { stdout: 0, stderr: 0 };
  /** Characters dropped, by owner and stream (`"7 stdout"`), sent with that owner's next text of the stream. */
  readonly #dropped = new Map<string, number>();
  #lastOwner = 0;
  #tokens: number;
  #refilledAt = performance.now();
  #timer: ReturnType<typeof setTimeout> | undefined;

  readonly #send: Send;
  readonly #intervalMs: number;
  readonly #burst: number;
  readonly #limitChars: number;

  constructor(send: Send, intervalMs = 50, burst = 10, limitChars = OUTPUT_LIMIT_CHARS) {
    this.#send = send;
    this.#intervalMs = intervalMs;
    this.#burst = burst;
    this.#limitChars = limitChars;
    this.#tokens = burst;
  }

  write(owner: number, stream: OutputStream, bytes: Uint8Array): void {
    this.#lastOwner = owner;
    this.#add(owner, stream, this.#decoders[stream].decode(bytes, { stream: true }));
    this.#ration();
  }

  /** A value display() shows, in order with the text around it and rationed alike. */
  display(owner: number, item: RichItem): void {
    this.#segments.push({ owner, item });
    this.#ration();
  }

  #ration(): void {
    const now = performance.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + (now - this.#refilledAt) / this.#intervalMs);
    this.#refilledAt = now;
    // While Python runs synchronously no timer can fire, so writes themselves send when they may.
    if (this.#tokens >= 1) {
      this.#tokens -= 1;
      this.flush();
    } else {
      this.#timer ??= setTimeout(() => this.flush(), this.#intervalMs);
    }
  }

  /** Sends everything held back, including bytes of a character split across writes. */
  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) this.#add(this.#lastOwner, stream, this.#decoders[stream].decode());
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    const segments = this.#segments;
    this.#segments = [];
    this.#pending.stdout = this.#pending.stderr = 0;
    const byOwner = new Map<number, OutputSegment[]>();
    for (const segment of segments) {
      const sent = byOwner.get(segment.owner) ?? [];
      byOwner.set(segment.owner, sent);
      if ('item' in segment) {
        sent.push({ display: segment.item });
        continue;
      }
      const key = `${segment.owner} ${segment.stream}`;
      sent.push({ stream: segment.stream, text: segment.text, dropped: this.#dropped.get(key) ?? 0 });
      this.#dropped.delete(key);
    }
    for (const [owner, sent] of byOwner) this.#send(owner, sent);
  }

  #add(owner: number, stream: OutputStream, text: string): void {
    if (!text) return;
    const last = this.#segments.at(-1);
    if (last && 'text' in last && last.stream === stream && last.owner === owner) last.text += text;
    else this.#segments.push({ owner, stream, text });
    this.#pending[stream] += text.length;
    // Trimming only at twice the limit keeps the copying proportional to what is written.
    if (this.#pending[stream] > 2 * this.#limitChars) this.#dropOldest(stream, this.#pending[stream] - this.#limitChars);
  }

  #dropOldest(stream: OutputStream, count: number): void {
    let excess = count;
    for (const segment of this.#segments) {
      if (!('text' in segment) || segment.stream !== stream) continue;
      const cut = Math.min(excess, segment.text.length);
      segment.text = segment.text.slice(cut);
      const key = `${segment.owner} ${stream}`;
      this.#dropped.set(key, (this.#dropped.get(key) ?? 0) + cut);
      excess -= cut;
      if (excess === 0) break;
    }
    this.#pending[stream] -= count;
    this.#segments = this.#segments.filter((segment) => !('text' in segment) || segment.text);
  }
}
