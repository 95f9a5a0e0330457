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

describe('configuration from the environment', () => {
  describe('SEED', () => {
    it('defaults to the demo for development', () => {
      expect(loadConfig({}).seed).toBe('demo');
      expect(loadConfig({ NODE_ENV: 'development' }).seed).toBe('demo');
    });

    it('defaults to nothing when NODE_ENV=production, so demo cases never mix with real ones', () => {
      expect(loadConfig({ NODE_ENV: 'production' }).seed).toBe('none');
    });

    it('is seeded as asked when set, in production too', () => {
      expect(loadConfig({ NODE_ENV: 'production', SEED: 'demo' }).seed).toBe('demo');
      expect(loadConfig({ SEED: 'none' }).seed).toBe('none');
    });

    it('refuses anything but demo or none', () => {
      expect(() => loadConfig({ SEED: 'yes' })).toThrow(new ConfigError('SEED must be "demo" or "none", not "yes"'));
    });
  });

  describe('the property tax system', () => {
    it('is the sandbox unless PROPERTY_TAX_URL is set; PROPERTY_TAX_TOKEN is its bearer token', () => {
      expect(loadConfig({})).toMatchObject({ propertyTaxUrl: undefined, propertyTaxToken: undefined });
      expect(loadConfig({ PROPERTY_TAX_URL: 'https://tax.example.am/api/v1', PROPERTY_TAX_TOKEN: 's3cret' })).toMatchObject({
        propertyTaxUrl: 'https://tax.example.am/api/v1',
        propertyTaxToken: 's3cret',
      });
    });

    it('refuses a PROPERTY_TAX_URL that is not an http(s) URL, at start-up', () => {
      expect(() => loadConfig({ PROPERTY_TAX_URL: 'tax.example.am' })).toThrow(ConfigError);
      expect(() => loadConfig({ PROPERTY_TAX_URL: 'ftp://tax.example.am' })).toThrow('PROPERTY_TAX_URL must be an http(s) URL, not "ftp://tax.example.am"');
    });
  });

  describe('GRAPHIQL', () => {
    it('is on by default and turned off by GRAPHIQL=off', () => {
      expect(loadConfig({}).graphiql).toBe(true);
      expect(loadConfig({ GRAPHIQL: 'on' }).graphiql).toBe(true);
      expect(loadConfig({ GRAPHIQL: 'off' }).graphiql).toBe(false);
    });

    it('refuses anything but on or off', () => {
      expect(() => loadConfig({ GRAPHIQL: 'false' })).toThrow('GRAPHIQL must be "on" or "off", not "false"');
    });
  });

  describe('sign-in and sessions', () => {
    it('derives PUBLIC_URL from the address it listens on, localhost for every interface', () => {
      expect(loadConfig({}).publicUrl).toBe('http://localhost:3000');
      expect(loadConfig({ HOST: '127.0.0.1', PORT: '8081' }).publicUrl).toBe('http://127.0.0.1:8081');
      expect(loadConfig({ PUBLIC_URL: 'https://hamaynk.example.am/' }).publicUrl).toBe('https://hamaynk.example.am');
      expect(() => loadConfig({ PUBLIC_URL: 'hamaynk.example.am' })).toThrow('PUBLIC_URL must be an http(s) URL');
    });

    it('uses the sandbox issuer unless OIDC_ISSUER is set, and refuses an issuer without a client id', () => {
      expect(loadConfig({}).oidcIssuer).toBeUndefined();
      expect(loadConfig({ OIDC_ISSUER: 'https://eid.example.am', OIDC_CLIENT_ID: 'hamaynk', OIDC_CLIENT_SECRET: 's' })).toMatchObject({ oidcIssuer: 'https://eid.example.am', oidcClientId: 'hamaynk', oidcClientSecret: 's' });
      expect(() => loadConfig({ OIDC_ISSUER: 'https://eid.example.am' })).toThrow('OIDC_ISSUER needs OIDC_CLIENT_ID');
    });

    it('takes SESSION_IDLE_HOURS as hours above 0 (default 8)', () => {
      expect(loadConfig({}).sessionIdleHours).toBe(8);
      expect(loadConfig({ SESSION_IDLE_HOURS: '0.5' }).sessionIdleHours).toBe(0.5);
      for (const bad of ['0', '-1', 'eight', '721']) expect(() => loadConfig({ SESSION_IDLE_HOURS: bad })).toThrow(ConfigError);
    });
  });
});
