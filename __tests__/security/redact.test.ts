import { afterEach, describe, expect, it } from 'vitest';
import { escapeLogLines } from '../../src/text/escape.js';
import {
  addBasicAuth,
  addSecret,
  bodyExcerpt,
  redact,
  redactValue,
  resetSecrets,
  secretForms,
} from '../../src/text/redact.js';

const KEY = 'dd0123456789abcdef0123456789abcd';
const PASS = 'p@ss w/rd+Ünïcode';

afterEach(() => resetSecrets());

describe('redact', () => {
  it.each([
    ['raw', (s: string) => `error: ${s}!`],
    ['base64', (s: string) => Buffer.from(s).toString('base64')],
    ['base64url', (s: string) => Buffer.from(s).toString('base64url')],
    ['url-encoded', (s: string) => `?q=${encodeURIComponent(s)}&x=1`],
    ['form-encoded', (s: string) => encodeURIComponent(s).replace(/%20/g, '+')],
    ['JSON-escaped', (s: string) => JSON.stringify({ v: s })],
    ['inside base64, offset 1', (s: string) => Buffer.from(`x${s}yz`).toString('base64')],
    ['inside base64, offset 2', (s: string) => Buffer.from(`xy${s}z`).toString('base64')],
  ])('removes the %s form of every secret', (_name, encode) => {
    addSecret(KEY);
    addSecret(PASS);
    for (const s of [KEY, PASS]) {
      const text = encode(s);
      const clean = redact(text);
      for (const f of secretForms(s)) expect(clean).not.toContain(f);
      expect(clean).toContain('***');
    }
  });

  it('removes base64 of user:pass (the basic-auth header) and its URL form', () => {
    addBasicAuth('alice', PASS);
    const header = `Basic ${Buffer.from(`alice:${PASS}`).toString('base64')}`;
    expect(redact(`echo: ${header}`)).not.toContain(header.slice(6));
    expect(redact(`http://alice:${encodeURIComponent(PASS)}@h/`)).not.toContain(
      encodeURIComponent(PASS),
    );
  });

  it.each([
    ['Authorization: Bearer abcdef123456', 'abcdef123456'],
    ['"authorization":"Basic YWxpY2U6c2VjcmV0"', 'YWxpY2U6c2VjcmV0'],
    ['Proxy-Authorization: token ghp_unknown1234', 'ghp_unknown1234'],
    ['GET /api?api_key=unknownkey99&from=1', 'unknownkey99'],
    ['https://h/x?token=sekrit1234', 'sekrit1234'],
    ['{"DD-API-KEY": "abc123abc123"}', 'abc123abc123'],
    ['dd-application-key: zzzz9999yyyy', 'zzzz9999yyyy'],
    ['"password":"hunter2hunter2"', 'hunter2hunter2'],
    ['https://bob:hunter22@host/path', 'hunter22'],
  ])('removes credential-shaped values it was never told: %s', (text, secret) => {
    expect(redact(text)).not.toContain(secret);
  });

  it('leaves ordinary text alone', () => {
    for (const text of [
      'check the github-token input',
      'input "prometheus-token": expected a value',
      'metrics.prometheus.auth: token or basic',
      'gate: psi 0.21 ≥ alert 0.2',
    ])
      expect(redact(text)).toBe(text);
  });

  it('keeps JSON valid when redacting a value', () => {
    addSecret(KEY);
    const v = redactValue({ a: [`x ${KEY} y`, 'Authorization: Bearer q1w2e3r4t5'], n: 3 });
    expect(v).toEqual({ a: ['x *** y', 'Authorization: Bearer ***'], n: 3 });
  });

  it('cuts a server body to one short, redacted line', () => {
    addSecret(KEY);
    const body = `<html>\n<body>${'x'.repeat(500)} DD-API-KEY=${KEY}</body>`;
    const e = bodyExcerpt(`${KEY}\n${body}`);
    expect(e.length).toBeLessThanOrEqual(200);
    expect(e).not.toMatch(/\n/);
    expect(e).not.toContain(KEY);
  });
});

describe('escapeLogLines', () => {
  it.each([
    'title\n::error file=x::pwned',
    'title\r\n::add-mask::production',
    'a\n   ::set-output name=x::y',
    '::stop-commands::tok',
    'x\r::warning::y',
    'x\u2028::notice::y',
    'x\n##[error]legacy',
  ])('no line of %j can start a workflow command', (text) => {
    const out = escapeLogLines(text);
    for (const line of out.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/))
      expect(line.trim()).not.toMatch(/^(::|##\[)/);
  });

  it('keeps ordinary multi-line text as is', () => {
    expect(escapeLogLines('a\nb :: c\nstd::vector')).toBe('a\nb :: c\nstd::vector');
  });
});
