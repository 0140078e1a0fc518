/**
 * The platform's settings (demo/config.mjs) and the merchant API's token check: what a deployment
 * gets by default, and a clear error naming the setting for each bad value.
 */
import { expect } from 'chai';
// @ts-expect-error the demo is plain JavaScript
import { platformConfig } from '../../demo/config.mjs';
// @ts-expect-error the demo is plain JavaScript
import { bearerMatches } from '../../demo/merchant-api.mjs';

describe('demo platform settings (#16)', () => {
  it('embedded by default; a database or Redis URL moves rendering out of the web process', () => {
    const d = platformConfig({}, { dataDir: '/tmp/pc-cfg' });
    expect(d).to.deep.include({ dataDir: '/tmp/pc-cfg', storageDir: '/tmp/pc-cfg/files', renderInProcess: true, attempts: 5, backoffMs: 2000, leaseMs: 30000 });
    expect(d.databaseUrl).to.equal(undefined);
    expect(platformConfig({ DATABASE_URL: 'postgres://u@db/shop' }).renderInProcess).to.equal(false);
    expect(platformConfig({ REDIS_URL: 'redis://q:6379' }).renderInProcess).to.equal(false);
    expect(platformConfig({ RENDER_IN_PROCESS: '0' }).renderInProcess).to.equal(false);
    expect(platformConfig({ REDIS_URL: 'redis://q:6379', RENDER_IN_PROCESS: '1' }).renderInProcess).to.equal(true);
    expect(platformConfig({ STORAGE_DIR: '/mnt/shared' }).storageDir).to.equal('/mnt/shared');
  });

  it('refuses bad values, naming the setting', () => {
    const bad: [Record<string, string>, RegExp][] = [
      [{ DATABASE_URL: 'mysql://db/shop' }, /DATABASE_URL must start with postgres: or postgresql:/],
      [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a URL/],
      [{ REDIS_URL: 'http://q' }, /REDIS_URL must start with redis: or rediss:/],
      [{ RENDER_IN_PROCESS: 'yes' }, /RENDER_IN_PROCESS must be 0 or 1/],
      [{ RENDER_ATTEMPTS: '0' }, /RENDER_ATTEMPTS must be a whole number of at least 1, got "0"/],
      [{ RENDER_LEASE_MS: '50' }, /RENDER_LEASE_MS must be a whole number of at least 1000/],
      [{ MERCHANT_TOKEN: 'short' }, /MERCHANT_TOKEN must have at least 24 characters/],
    ];
    for (const [env, message] of bad) expect(() => platformConfig(env), JSON.stringify(env)).to.throw(message);
  });

  it('the merchant API takes only `Bearer <the token>`', () => {
    const token = 'a-merchant-token-of-24-chars';
    expect(bearerMatches(`Bearer ${token}`, token)).to.equal(true);
    expect(bearerMatches(`bearer ${token}`, token)).to.equal(true);
    for (const header of [undefined, '', `Bearer ${token}x`, `Bearer ${token.slice(1)}`, `Basic ${token}`, token, 'Bearer ']) expect(bearerMatches(header, token), String(header)).to.equal(false);
    // No token set: nothing matches, not even an empty bearer.
    expect(bearerMatches('Bearer ', undefined)).to.equal(false);
  });
});
