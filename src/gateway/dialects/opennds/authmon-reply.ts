import { timingSafeEqual } from 'node:crypto';
import type { AuthmonQueue } from './authmon-queue.js';
import { gatewayHashOf, openNdsUrlEncode } from './hashes.js';

/** The answer to one authmon POST: HTTP status and the plain-text body authmon reads. */
export interface AuthmonReply {
  status: number;
  body: string;
  /** For logs and metrics: what authmon asked, and how many grants were handed out/acknowledged. */
  action: string;
  count: number;
}

/** authmon keeps the first 1,024 characters after the leading "* " (authmon.sh `${authlist:2:1024}`). */
export const AUTHMON_READ_CHARS = 1024;
const ACTIONS = new Set(['clear', 'view', 'list', 'deauthed', 'custom']);
const RHID = /^[0-9a-f]{64}$/;

/** Strict base64 of authmon's `payload` (PHP base64_encode), decoded; undefined when it is not. */
function payloadText(value: string | null): string | undefined {
  if (value === null || value.length > 8192 || !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value)) return undefined;
  return Buffer.from(value, 'base64').toString('latin1');
}

/** The `view` answer: "*" and the URL-encoded records (PHP rawurlencode; authmon decodes with printf). */
export function viewBody(records: string[]): string {
  return ['*', ...records.map(openNdsUrlEncode)].join(' ');
}

const fitsAuthmonRead = (records: string[]) => viewBody(records).length - 2 <= AUTHMON_READ_CHARS;

/**
 * One authmon request (openNDS 9.10 `authmon.sh` + `post-request.php`, LAB.md A.5):
 * form fields `auth_get`, `gatewayhash`, `payload` (base64). `gatewayhash` must be the hash
 * of the configured gateway name, compared in constant time; otherwise 403 and nothing is
 * read or disclosed.
 * - `clear`: drop the gateway's queue (authmon's start-up), empty body.
 * - `view` + payload `none`: "* rec rec …", as many records as fit authmon's read.
 * - `view` + payload `* rhid rhid …`: acknowledge those grants, answer `ack`.
 * - `list`: like `view none` but, unlike the reference FAS, without dropping the queue: a
 *   grant leaves only when acknowledged, so a lost reply loses nothing.
 * - `deauthed`, `custom`: nothing to do here (no BinAuth log is kept), answer `ack`.
 */
export async function answerAuthmon(form: URLSearchParams, context: { gatewayId: string; gatewayName: string; queue: AuthmonQueue }): Promise<AuthmonReply> {
  const action = form.get('auth_get') ?? '';
  const presented = Buffer.from(form.get('gatewayhash') ?? '', 'latin1');
  const expected = Buffer.from(gatewayHashOf(context.gatewayName), 'latin1');
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return { status: 403, body: '', action: 'refused', count: 0 };
  const payload = payloadText(form.get('payload'));
  if (!ACTIONS.has(action) || payload === undefined) return { status: 400, body: '', action: 'invalid', count: 0 };
  const { queue, gatewayId } = context;

  if (action === 'clear') return { status: 200, body: '', action, count: await queue.clear(gatewayId) };
  if (action === 'deauthed' || action === 'custom') return { status: 200, body: 'ack', action, count: 0 };
  if (action === 'view' && payload.startsWith('*')) {
    const rhids = payload
      .slice(1)
      .split(' ')
      .filter((word) => RHID.test(word))
      .slice(0, 64);
    const count = rhids.length > 0 ? await queue.acknowledge(gatewayId, rhids) : 0;
    return { status: 200, body: 'ack', action: 'ack', count };
  }
  const records = await queue.pending(gatewayId, fitsAuthmonRead);
  return { status: 200, body: viewBody(records), action, count: records.length };
}
