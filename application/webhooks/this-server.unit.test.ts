/** Which webhook URLs point at this server itself (refused: the server would call itself). */
import { pointsAtThisServer } from './this-server';

describe('a webhook URL pointing at this server', () => {
  const self = pointsAtThisServer({ publicUrl: 'https://hamaynk.example', host: '0.0.0.0', port: 3000, localAddresses: ['10.0.0.7', 'fe80::1'] });

  it.each([
    'https://hamaynk.example/graphql',
    'https://HAMAYNK.example:443/x',
    'http://localhost:3000/',
    'http://127.0.0.1:3000/graphql',
    'http://[::1]:3000/',
    'http://0.0.0.0:3000/',
    'http://10.0.0.7:3000/x',
    'http://[fe80::1]:3000/',
  ])('is refused: %s', (url) => expect(self(url)).toBe(true));

  it.each(['https://treasury.example/hooks', 'http://127.0.0.1:3001/', 'http://10.0.0.8:3000/', 'http://hamaynk.example/x'])('is another system: %s', (url) => expect(self(url)).toBe(false));
});
