import { describe, expect, it } from 'vitest';
import { writeChunks, type Output } from '../../src/io/output.js';

describe('writeChunks', () => {
  it('writes nothing more while the stream is full, and the rest in order once it drains', async () => {
    const events: string[] = [];
    let release = () => {};
    const out: Output = {
      // The stream is full after "b".
      stdout: (chunk) => {
        const text = new TextDecoder().decode(chunk as Uint8Array);
        events.push(text);
        return text !== 'b';
      },
      stderr: () => undefined,
      drain: () => new Promise<void>((resolve) => (events.push('wait'), (release = resolve))),
    };
    const done = writeChunks(out, ['a', 'b', 'c', 'd'].map((s) => new TextEncoder().encode(s)));
    await new Promise((r) => setTimeout(r, 5));
    expect(events).toEqual(['a', 'b', 'wait']);
    release();
    await done;
    expect(events).toEqual(['a', 'b', 'wait', 'c', 'd']);
  });

  it('an output without drain (a test sink) takes every chunk at once', async () => {
    const got: string[] = [];
    await writeChunks({ stdout: (c) => void got.push(new TextDecoder().decode(c as Uint8Array)), stderr: () => undefined }, [new Uint8Array([104]), new Uint8Array([105])]);
    expect(got).toEqual(['h', 'i']);
  });
});
