import type { OutputStream } from '../shared/protocol.js';

/**
 * Collects what Python writes to stdout/stderr and hands it on in batches, in the order written,
 * so a print loop sends a few messages a second instead of one per line.
 */
export class OutputBatcher {
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };
  private segments: Array<{ stream: OutputStream; text: string }> = [];
  private pendingChars = 0;
  private lastFlush = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly send: (stream: OutputStream, text: string) => void,
    private readonly intervalMs = 50,
    private readonly maxPendingChars = 64 * 1024,
  ) {}

  write(stream: OutputStream, bytes: Uint8Array): void {
    const text = this.decoders[stream].decode(bytes, { stream: true });
    if (!text) return;
    const last = this.segments.at(-1);
    if (last?.stream === stream) last.text += text;
    else this.segments.push({ stream, text });
    this.pendingChars += text.length;
    // While Python runs synchronously no timer can fire, so writes themselves flush when due.
    if (performance.now() - this.lastFlush >= this.intervalMs || this.pendingChars >= this.maxPendingChars) {
      this.flush();
    } else {
      this.timer ??= setTimeout(() => this.flush(), this.intervalMs);
    }
  }

  /** Sends everything held back, including bytes of a character split across writes. */
  flush(): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      const tail = this.decoders[stream].decode();
      if (tail) this.segments.push({ stream, text: tail });
    }
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    const segments = this.segments;
    this.segments = [];
    this.pendingChars = 0;
    this.lastFlush = performance.now();
    for (const { stream, text } of segments) this.send(stream, text);
  }
}
