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
