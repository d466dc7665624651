// The bytes of a dropped or chosen file as chunks, gunzipped in the browser
// (DecompressionStream) when the file is gzip (by its magic bytes).

export async function* fileChunks(file: Blob): AsyncGenerator<Uint8Array> {
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  const gzip = magic[0] === 0x1f && magic[1] === 0x8b;
  const stream = gzip ? file.stream().pipeThrough(new DecompressionStream('gzip')) : file.stream();
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}
