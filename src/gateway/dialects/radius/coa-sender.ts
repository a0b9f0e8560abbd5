import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { randomInt } from 'node:crypto';
import radius from 'radius';
import { encodeCoa, type CoaTarget } from './coa-packet.js';
import { verifyResponse } from './radius-signing.js';

/** How one CoA ended: the NAS agreed, refused (with its Error-Cause, RFC 5176 §3.6), or never gave a valid answer. */
export interface CoaOutcome {
  result: 'ack' | 'nak' | 'no_answer';
  attempts: number;
  errorCause?: string;
}

export interface CoaRequest {
  kind: 'reauthenticate' | 'disconnect';
  nas: { address: string; port: number; secret: string };
  target: CoaTarget;
  /** Wait for the first answer this long; each retransmission waits twice as long as the one before. */
  timeoutMs: number;
  /** Transmissions in all, the first included (bounded by the settings schema: 1–10). */
  attempts: number;
  signal?: AbortSignal;
}

const CODES = { reauthenticate: { ack: 'CoA-ACK', nak: 'CoA-NAK' }, disconnect: { ack: 'Disconnect-ACK', nak: 'Disconnect-NAK' } } as const;

/**
 * Sends one CoA to a NAS over UDP and waits for a valid ACK/NAK, retransmitting the same
 * packet (same Identifier, RFC 5176 §2.3 / RFC 5080 §2.2.1) with exponential back-off.
 * Answers from another address or port, for another identifier, or failing the
 * authenticator check are ignored, as RFC 2865 §3 asks. Never throws: a NAS that never
 * answers costs at most timeoutMs × (2^attempts − 1) and ends as `no_answer`.
 */
export async function sendCoa(request: CoaRequest): Promise<CoaOutcome> {
  const identifier = randomInt(256);
  const packet = encodeCoa(request.kind, request.target, request.nas.secret, identifier);
  const socket = createSocket(isIPv6(request.nas.address) ? 'udp6' : 'udp4');
  let attempts = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, () => resolve());
    });
    socket.on('error', () => {}); // an ICMP unreachable surfaces here; the wait below ends by timeout
    for (let wait = request.timeoutMs; attempts < request.attempts && !request.signal?.aborted; wait *= 2) {
      attempts += 1;
      socket.send(packet, request.nas.port, request.nas.address);
      const answer = await nextValidAnswer(socket, packet, request, wait);
      if (answer) return { ...answer, attempts };
    }
    return { result: 'no_answer', attempts };
  } catch {
    return { result: 'no_answer', attempts };
  } finally {
    socket.close();
  }
}

function nextValidAnswer(socket: Socket, packet: Buffer, request: CoaRequest, waitMs: number): Promise<Omit<CoaOutcome, 'attempts'> | undefined> {
  return new Promise((resolve) => {
    const done = (value: Omit<CoaOutcome, 'attempts'> | undefined) => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      request.signal?.removeEventListener('abort', onAbort);
      resolve(value);
    };
    const onAbort = () => done(undefined);
    const onMessage = (message: Buffer, from: { address: string; port: number }) => {
      if (from.port !== request.nas.port || !sameAddress(from.address, request.nas.address)) return;
      if (!verifyResponse(packet, message, request.nas.secret)) return;
      let decoded;
      try {
        decoded = radius.decode_without_secret({ packet: message });
      } catch {
        return;
      }
      const codes = CODES[request.kind];
      if (decoded.code === codes.ack) done({ result: 'ack' });
      else if (decoded.code === codes.nak) {
        const cause: unknown = (decoded.attributes as Record<string, unknown>)['Error-Cause'];
        // The package names known Error-Cause values (RFC 5176 §3.6) and gives numbers otherwise.
        done(typeof cause === 'string' || typeof cause === 'number' ? { result: 'nak', errorCause: String(cause) } : { result: 'nak' });
      }
    };
    const timer = setTimeout(() => done(undefined), waitMs);
    socket.on('message', onMessage);
    request.signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function sameAddress(a: string, b: string): boolean {
  const strip = (x: string) => x.replace(/^::ffff:/i, '').toLowerCase();
  return strip(a) === strip(b);
}
