/** AUDIT_SIGNER: one process of a deployment builds and signs the audit tree, the others serve it. */
import { ConfigError, loadConfig } from './config';

describe('AUDIT_SIGNER', () => {
  it('signs by default (one process on one machine does everything)', () => {
    expect(loadConfig({}).auditSigner).toBe(true);
    expect(loadConfig({ AUDIT_SIGNER: '' }).auditSigner).toBe(true);
  });

  it('"on" signs, "off" only serves the tree another process signs', () => {
    expect(loadConfig({ AUDIT_SIGNER: 'on' }).auditSigner).toBe(true);
    expect(loadConfig({ AUDIT_SIGNER: 'off' }).auditSigner).toBe(false);
  });

  it('refuses anything else with one line saying what it takes', () => {
    expect(() => loadConfig({ AUDIT_SIGNER: 'yes' })).toThrow(ConfigError);
    expect(() => loadConfig({ AUDIT_SIGNER: 'OFF' })).toThrow('AUDIT_SIGNER must be "on" or "off", not "OFF"');
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default, so a client cannot pick its own address for the rate limit', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
  });

  it('takes a hop count (behind the load balancer: 1), true, or proxy addresses', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe('10.0.0.0/8, 127.0.0.1');
  });

  it('refuses anything else', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'nginx' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: '99' })).toThrow(/TRUST_PROXY must be a whole number from 0 to 16/);
  });
});
