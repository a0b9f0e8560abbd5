import { createHash } from 'node:crypto';

/** Headers longer than any key we issue are hashed every time, never remembered. */
const MAX_CACHED_LENGTH = 512;

/**
 * The rate-limit bucket of an `Authorization` header: `key:` + 22 base64url characters of
 * its SHA-256, so the key itself never reaches the limiter's store. The hash of a header
 * seen before is remembered (at most `size` headers of at most 512 characters, all
 * forgotten at once when full): a gateway presents the same key on every call, and the
 * hash was a sha256 per request, twice on the session API (total and failure budget).
 * Remembering reveals nothing a caller cannot see anyway: a hit needs the whole header,
 * and whether a key is valid is what the answer (200 or 401) says.
 */
export function apiKeyBuckets(size = 1024): (authorization: string) => string {
  const known = new Map<string, string>();
  return (authorization) => {
    let bucket = known.get(authorization);
    if (bucket !== undefined) return bucket;
    bucket = `key:${createHash('sha256').update(authorization).digest('base64url').slice(0, 22)}`;
    if (authorization.length <= MAX_CACHED_LENGTH) {
      if (known.size >= size) known.clear();
      known.set(authorization, bucket);
    }
    return bucket;
  };
}
