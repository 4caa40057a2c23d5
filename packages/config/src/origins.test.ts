import { normaliseOrigin } from './origins';

describe('normaliseOrigin', () => {
  it.each([
    ['https://portal.example.com', 'https://portal.example.com'],
    ['  HTTPS://Portal.Example.COM/ ', 'https://portal.example.com'],
    ['https://portal.example.com:443', 'https://portal.example.com'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['http://[::1]:3000', 'http://[::1]:3000'],
    ['https://bücher.example', 'https://xn--bcher-kva.example'],
  ])('gives %s as %s', (text, origin) => {
    expect(normaliseOrigin(text)).toBe(origin);
  });

  it.each([
    'portal.example.com',
    'ftp://portal.example.com',
    'javascript:alert(1)',
    'https://portal.example.com/login',
    'https://portal.example.com?x=1',
    'https://portal.example.com#top',
    'https://user:pw@portal.example.com',
    'https://portal.example.com:99999',
    'null',
    '*',
    '',
  ])('refuses %j', (text) => {
    expect(normaliseOrigin(text)).toBeNull();
  });
});
