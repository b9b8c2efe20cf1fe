/**
 * A JSON array read as it arrives, each element handed over as its own text: the list check's
 * GET /containers/json at 10,000 containers is 9 MB, which as one string, one buffer and one
 * parse made ~40 MB of garbage every 15 s (most of it promoted before it died). Split on the
 * bytes `,` and `]` outside strings at the array's own depth (ASCII, so a split never falls inside
 * a multi-byte character); the elements are parsed one at a time by the caller. Pure.
 */
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_SQUARE = 0x5b;
const CLOSE_SQUARE = 0x5d;
const OPEN_CURLY = 0x7b;
const CLOSE_CURLY = 0x7d;
const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

export class ArraySplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  private done = false;
  /** The current element's bytes from earlier chunks (views of them). */
  private pieces: Buffer[] = [];
  private inElement = false;

  constructor(private readonly element: (text: string) => void) {}

  push(chunk: Buffer): void {
    let start = this.inElement ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (b === BACKSLASH) this.escaped = true;
        else if (b === QUOTE) this.inString = false;
        continue;
      }
      if (isSpace(b)) continue;
      if (this.done) throw new Error('the answer goes on after its array');
      if (!this.started) {
        if (b !== OPEN_SQUARE) throw new Error('the answer is not a JSON array');
        this.started = true;
        this.depth = 1;
        continue;
      }
      if (this.depth === 1 && (b === COMMA || b === CLOSE_SQUARE)) {
        if (this.inElement) {
          this.emit(chunk, start, i);
          start = -1;
        } else if (b === COMMA) {
          throw new Error('the array has an empty element');
        }
        if (b === CLOSE_SQUARE) {
          this.depth = 0;
          this.done = true;
        }
        continue;
      }
      if (!this.inElement) {
        this.inElement = true;
        start = i;
      }
      if (b === QUOTE) this.inString = true;
      else if (b === OPEN_CURLY || b === OPEN_SQUARE) this.depth++;
      else if (b === CLOSE_CURLY || b === CLOSE_SQUARE) this.depth--;
    }
    if (this.inElement) this.pieces.push(chunk.subarray(start));
  }

  /** The answer ended: throws if its array did not. */
  end(): void {
    if (!this.done) throw new Error(this.started ? 'the answer ended inside its array' : 'the answer is empty');
  }

  private emit(chunk: Buffer, start: number, end: number): void {
    const text = this.pieces.length
      ? Buffer.concat([...this.pieces, chunk.subarray(start, end)]).toString()
      : chunk.toString('utf8', start, end);
    this.pieces = [];
    this.inElement = false;
    this.element(text);
  }
}
