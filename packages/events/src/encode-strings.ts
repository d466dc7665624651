// String dictionaries on disk as two plain arrays: the UTF-8 bytes of all strings
// concatenated (uint8) and int32 offsets (length n + 1; string i is bytes[offsets[i],
// offsets[i + 1])). Chosen over Zarr's variable-length string dtype because zarrita 0.7 can
// only decode `vlen-utf8`, and because two numeric arrays read trivially anywhere (numpy:
// `bytes[o[i]:o[i+1]].tobytes().decode()`), with no codec support needed.

export interface EncodedStrings {
  bytes: Uint8Array;
  offsets: Int32Array;
}

/** UTF-8 bytes + offsets of `strings`. */
export function encodeStrings(strings: readonly string[]): EncodedStrings {
  const encoder = new TextEncoder();
  const parts = strings.map((s) => encoder.encode(s));
  const offsets = new Int32Array(strings.length + 1);
  for (let i = 0; i < parts.length; i++) {
    const next = offsets[i] + parts[i].length;
    if (next > 0x7fffffff) throw new Error('events/encode-strings: dictionary exceeds 2 GiB of UTF-8');
    offsets[i + 1] = next;
  }
  const bytes = new Uint8Array(offsets[strings.length]);
  for (let i = 0; i < parts.length; i++) bytes.set(parts[i], offsets[i]);
  return { bytes, offsets };
}

/** Inverse of `encodeStrings`; validates the offsets. */
export function decodeStrings(encoded: EncodedStrings): string[] {
  const { bytes, offsets } = encoded;
  if (offsets.length === 0 || offsets[0] !== 0 || offsets[offsets.length - 1] !== bytes.length) {
    throw new Error(`events/encode-strings: offsets must start at 0 and end at ${bytes.length}`);
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const out = new Array<string>(offsets.length - 1);
  for (let i = 0; i + 1 < offsets.length; i++) {
    if (offsets[i + 1] < offsets[i]) throw new Error(`events/encode-strings: offsets decrease at ${i}`);
    out[i] = decoder.decode(bytes.subarray(offsets[i], offsets[i + 1]));
  }
  return out;
}
