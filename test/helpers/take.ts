/** The first `n` entries of an async stream (the stream is closed after them, as the API does). */
export async function take<T>(stream: AsyncIterable<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  for await (const entry of stream) {
    out.push(entry);
    if (out.length === n) break;
  }
  return out;
}
