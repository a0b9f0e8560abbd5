import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTrustedProxyMatcher } from '../../src/identity/trusted-proxies.js';

describe('trusted proxy matcher', () => {
  it('matches addresses, CIDRs and IPv4-mapped forms in both directions', () => {
    const trusted = createTrustedProxyMatcher(['192.0.2.10', '10.0.0.0/8', '::ffff:198.51.100.1', '2001:db8::/32']);
    for (const address of ['192.0.2.10', '::ffff:192.0.2.10', '10.9.8.7', '198.51.100.1', '2001:db8:1::5']) {
      assert.equal(trusted(address), true, address);
    }
    for (const address of ['192.0.2.11', '11.0.0.1', '2001:db9::1', '', 'not-an-ip', undefined]) {
      assert.equal(trusted(address), false, String(address));
    }
  });

  it('understands the loopback, linklocal and uniquelocal names express uses', () => {
    const trusted = createTrustedProxyMatcher(['loopback']);
    assert.equal(trusted('127.0.0.1'), true);
    assert.equal(trusted('::1'), true);
    assert.equal(trusted('10.0.0.1'), false);
    assert.equal(createTrustedProxyMatcher(['uniquelocal'])('172.20.0.1'), true);
  });

  it('rejects entries it cannot read', () => {
    for (const entry of ['10.0.0.0/', '10.0.0.0/8/8', '::1/129', '1.2.3.4/-1', 'example.com']) {
      assert.throws(() => createTrustedProxyMatcher([entry]), /TRUST_PROXY entry/, entry);
    }
  });
});
