/** Where a command writes: the process's standard streams in the CLI, strings in tests. */
export interface Output {
  /** False when the stream's buffer is full: wait for `drain` before writing more. */
  stdout(chunk: string | Uint8Array): boolean | void;
  stderr(text: string): void;
  /** Resolves once standard output has room again. */
  drain?(): Promise<void>;
}

/**
 * Writes `chunks` in turn, waiting for room whenever the stream is full: a slow reader (a pipe
 * into `jq`, `wc`) never makes a 400 MB report pile up in memory.
 */
export async function writeChunks(out: Output, chunks: Iterable<Uint8Array>): Promise<void> {
  for (const chunk of chunks) if (out.stdout(chunk) === false) await out.drain?.();
}
