// Streams one file through the byte tokenizer, handing every record to `onRow`.
import { createReadStream } from 'node:fs';
import { openByteSource } from './byte-source.ts';
import { Tokenizer } from './tokenizer.ts';
import type { RowView, TokenizerMode } from './tokenizer.ts';

export interface ScanSummary {
  /** Hex sha256 of the file bytes as stored. */
  sha256: string;
  gzip: boolean;
  blankLines: number;
}

/** Tokenizes `path` (gzip or plain) with bounded memory. */
export async function scanFile(path: string, mode: TokenizerMode, onRow: (row: RowView) => void): Promise<ScanSummary> {
  const source = await openByteSource(path);
  const tokenizer = new Tokenizer(mode, onRow);
  for await (const chunk of source.chunks) tokenizer.feed(chunk);
  tokenizer.end();
  return { sha256: await source.sha256(), gzip: source.gzip, blankLines: tokenizer.blankLines };
}

/**
 * Line feeds in an uncompressed file plus one: an upper bound on its records, used to size
 * the columns once (see IngestBuilder.reserve). One memchr-speed pass over the bytes.
 */
export async function countLines(path: string): Promise<number> {
  let lines = 1;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let p = chunk.indexOf(10); p >= 0; p = chunk.indexOf(10, p + 1)) lines++;
  }
  return lines;
}
