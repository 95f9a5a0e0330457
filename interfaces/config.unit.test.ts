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

  describe('notifications by mail', () => {
    it('sends no mail unless SMTP_URL is set; takes smtp:// and smtps:// only, never echoing a password', () => {
      expect(loadConfig({}).smtpUrl).toBeUndefined();
      expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).smtpUrl).toBe('smtp://127.0.0.1:2525');
      expect(loadConfig({ SMTP_URL: 'smtps://hamaynk:secret@mail.example.am' }).smtpUrl).toBe('smtps://hamaynk:secret@mail.example.am');
      expect(() => loadConfig({ SMTP_URL: 'http://mail.example.am' })).toThrow('SMTP_URL must be an smtp:// or smtps:// URL');
      expect(() => loadConfig({ SMTP_URL: 'mail.example.am:25' })).toThrow(ConfigError);
      expect(() => loadConfig({ SMTP_URL: 'http://user:secret@mail.example.am' })).not.toThrow(/secret/);
    });

    it('sends from no-reply at PUBLIC_URL’s host unless SMTP_FROM names one address', () => {
      expect(loadConfig({ PUBLIC_URL: 'https://hamaynk.example.am' }).smtpFrom).toBe('Hamaynk <no-reply@hamaynk.example.am>');
      expect(loadConfig({ SMTP_FROM: 'Գյումրի <info@gyumri.am>' }).smtpFrom).toBe('Գյումրի <info@gyumri.am>');
      for (const bad of ['no address', 'a@b.am, c@d.am', 'Hamaynk <a@b.am>\r\nBcc: eve@example.am']) expect(() => loadConfig({ SMTP_FROM: bad })).toThrow('SMTP_FROM must be one address');
    });
  });
});

describe('PAYMENT_GATEWAY_URL and PAYMENT_GATEWAY_SECRET', () => {
  it('unset: the sandbox gateway (no URL), with a secret kept in DATA_DIR', () => {
    expect(loadConfig({})).toMatchObject({ paymentGatewayUrl: undefined, paymentGatewaySecret: undefined });
  });

  it('a real gateway needs its secret, and an http(s) URL', () => {
    expect(() => loadConfig({ PAYMENT_GATEWAY_URL: 'https://pay.example.am' })).toThrow('PAYMENT_GATEWAY_URL needs PAYMENT_GATEWAY_SECRET');
    expect(() => loadConfig({ PAYMENT_GATEWAY_URL: 'ftp://pay.example.am', PAYMENT_GATEWAY_SECRET: 's'.repeat(40) })).toThrow(ConfigError);
    expect(loadConfig({ PAYMENT_GATEWAY_URL: 'https://pay.example.am', PAYMENT_GATEWAY_SECRET: 'k7Qz1x9vLw3mN8pR2tY6uA0sD4fG5hJ7' })).toMatchObject({
      paymentGatewayUrl: 'https://pay.example.am',
      paymentGatewaySecret: 'k7Qz1x9vLw3mN8pR2tY6uA0sD4fG5hJ7',
    });
  });
});

describe('webhooks', () => {
  it('times a webhook request out after WEBHOOK_TIMEOUT_MS (default 10 s, from 100 ms to 2 minutes)', () => {
    expect(loadConfig({}).webhookTimeoutMs).toBe(10_000);
    expect(loadConfig({ WEBHOOK_TIMEOUT_MS: '2500' }).webhookTimeoutMs).toBe(2500);
    for (const bad of ['0', '99', '120001', 'ten']) expect(() => loadConfig({ WEBHOOK_TIMEOUT_MS: bad })).toThrow(ConfigError);
  });

  it('takes WEBHOOK_KEY as given (unset: the key generated in DATA_DIR/keys)', () => {
    expect(loadConfig({}).webhookKey).toBeUndefined();
    expect(loadConfig({ WEBHOOK_KEY: 'k'.repeat(40) }).webhookKey).toBe('k'.repeat(40));
  });
});
