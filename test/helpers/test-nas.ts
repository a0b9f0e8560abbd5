import { createHash, createHmac } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import radius from 'radius';

/** One datagram the test NAS received, decoded, with both authenticators checked independently. */
export interface ReceivedCoa {
  raw: Buffer;
  from: RemoteInfo;
  code: string;
  identifier: number;
  attributes: Record<string, unknown>;
  /** Cisco-AVPair values (vendor 9, type 1), which the package has no dictionary for. */
  ciscoAvPairs: string[];
  requestAuthenticatorValid: boolean;
  /** undefined when the packet carries no Message-Authenticator. */
  messageAuthenticatorValid: boolean | undefined;
}

/**
 * The checks a NAS makes on a CoA-Request / Disconnect-Request, written out from the RFCs
 * rather than taken from the code under test: Request Authenticator = MD5(Code, Identifier,
 * Length, 16 zero octets, Attributes, secret) (RFC 5176 §3.5, as RFC 2866 §3), and
 * Message-Authenticator = HMAC-MD5(secret, packet with zero Request Authenticator and zero
 * Message-Authenticator) (RFC 5176 §3.5, RFC 3579 §3.2).
 */
export function checkRequest(raw: Buffer, secret: string): Pick<ReceivedCoa, 'requestAuthenticatorValid' | 'messageAuthenticatorValid'> {
  const zeroed = Buffer.from(raw);
  zeroed.fill(0, 4, 20);
  const requestAuthenticatorValid = createHash('md5').update(zeroed).update(secret).digest().equals(raw.subarray(4, 20));
  let messageAuthenticatorValid: boolean | undefined;
  for (let at = 20; at + 2 <= raw.length && raw[at + 1]! >= 2; at += raw[at + 1]!) {
    if (raw[at] !== 80) continue;
    zeroed.fill(0, at + 2, at + 18);
    messageAuthenticatorValid = createHmac('md5', secret)
      .update(zeroed)
      .digest()
      .equals(raw.subarray(at + 2, at + 18));
  }
  return { requestAuthenticatorValid, messageAuthenticatorValid };
}

/**
 * A NAS's dynamic-authorization listener on 127.0.0.1 (UDP): records every CoA it gets and
 * answers with whatever `answer` says (CoA-ACK, CoA-NAK, or silence).
 */
export class TestNas {
  readonly received: ReceivedCoa[] = [];
  answer: 'ack' | 'nak' | 'silence' = 'ack';
  private waiters: Array<() => void> = [];

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
    private readonly secret: string,
  ) {
    socket.on('message', (raw, from) => this.onMessage(raw, from));
  }

  static async start(secret: string): Promise<TestNas> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', () => resolve()));
    return new TestNas(socket, socket.address().port, secret);
  }

  /** Resolves once `count` packets have arrived in all, or rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 30_000): Promise<ReceivedCoa[]> {
    const deadline = setTimeout(() => this.wake(), timeoutMs);
    try {
      while (this.received.length < count) {
        const before = this.received.length;
        await new Promise<void>((resolve) => this.waiters.push(resolve));
        if (this.received.length === before) throw new Error(`test NAS: ${this.received.length} of ${count} packets within ${timeoutMs} ms`);
      }
      return this.received.slice(0, count);
    } finally {
      clearTimeout(deadline);
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private onMessage(raw: Buffer, from: RemoteInfo): void {
    const decoded = radius.decode_without_secret({ packet: raw });
    const ciscoAvPairs = decoded.raw_attributes
      .filter(([type]) => type === 26)
      .map(([, value]) => value as Buffer)
      .filter((value) => value.readUInt32BE(0) === 9 && value[4] === 1)
      .map((value) => value.subarray(6, 6 + value[5]! - 2).toString());
    this.received.push({
      raw,
      from,
      code: decoded.code,
      identifier: decoded.identifier,
      attributes: decoded.attributes,
      ciscoAvPairs,
      ...checkRequest(raw, this.secret),
    });
    if (this.answer !== 'silence') {
      const code = `${decoded.code.replace('-Request', '')}-${this.answer === 'ack' ? 'ACK' : 'NAK'}`;
      const response = radius.encode_response({ packet: decoded, code, secret: this.secret });
      this.socket.send(response, from.port, from.address);
    }
    this.wake();
  }
}
