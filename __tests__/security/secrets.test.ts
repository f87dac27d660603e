import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exampleConfig, makeWorkspace } from '../e2e/workspace.js';
import { runAction } from '../support/action.js';
import { everythingWritten, runCli, tempDir } from './harness.js';

/**
 * Every scenario in which a secret used to leave the process, through the bundle, against small
 * loopback servers that echo what they received. Every byte the run wrote (stdout, stderr, the
 * summary, the outputs, the run report, the registry, the temp folder) is searched for every
 * encoding of every secret.
 */

const DD_API = 'ddapi0123456789abcdef0123456789ab';
const DD_APP = 'ddapp_fedcba9876543210fedcba9876543210abcd';
const PROM_USER = 'scraper';
const PROM_PASS = 'pa ss/w+rd=42%Ü';
const PROM_TOKEN = 'promtok.eyJhbGciOiJIUzI1NiJ9.c2VjcmV0';
const GH_TOKEN = 'ghs_16C7e42F292c6912E7710c838347Ae178B4a';
const HOOK_SECRET = 'whsec_9f8e7d6c5b4a3928';
/** Never given to the action as a secret: only its shape (`token=` in a URL) gives it away. */
const URL_TOKEN = 'urltok_a1b2c3d4e5f6a7b8';

const SECRETS = [
  DD_API,
  DD_APP,
  PROM_PASS,
  `${PROM_USER}:${PROM_PASS}`,
  PROM_TOKEN,
  GH_TOKEN,
  `x-access-token:${GH_TOKEN}`,
  HOOK_SECRET,
  URL_TOKEN,
];

/** The encodings a secret travels in: raw, URL, JSON, base64 (standard, URL-safe, unpadded, and inside a longer blob at each byte offset). */
function encodings(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const b64 = bytes.toString('base64');
  const inner = [0, 1, 2].map((k) => {
    const enc = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    return enc.slice(Math.ceil((8 * k) / 6), Math.floor((8 * (k + bytes.length)) / 6));
  });
  return [
    ...new Set([
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, '+'),
      JSON.stringify(secret).slice(1, -1),
      b64,
      b64.replace(/=+$/, ''),
      bytes.toString('base64url'),
      ...inner,
    ]),
  ];
}

/** A loopback server answering every request with `status` and a body that echoes the request. */
async function echoServer(
  status: number,
  body: (req: IncomingMessage, sent: string) => string,
): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    let sent = '';
    req.on('data', (c: Buffer) => (sent += c.toString()));
    req.on('end', () =>
      res.writeHead(status, { 'content-type': 'text/html' }).end(body(req, sent)),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}
const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.close()));

/** Everything a hostile server could echo: the URL, every header, the body. */
const dump = (req: IncomingMessage, sent: string) =>
  // Credentials first: a cut excerpt must still hold them, or the scenario proves nothing.
  `authorization: ${req.headers.authorization ?? ''} DD-API-KEY: ${String(req.headers['dd-api-key'] ?? '')} DD-APPLICATION-KEY=${String(req.headers['dd-application-key'] ?? '')}` +
  `<html><body><h1>Error</h1><p>GET http://${req.headers.host}${req.url}</p><pre>${JSON.stringify(req.headers)}</pre><pre>${sent}</pre></body></html>`;

const SECRET_INPUTS = {
  'github-token': GH_TOKEN,
  'datadog-api-key': DD_API,
  'datadog-app-key': DD_APP,
  'prometheus-username': PROM_USER,
  'prometheus-password': PROM_PASS,
  'webhook-secret': HOOK_SECRET,
};

function metricsSection(source: string, extra: string): string {
  return exampleConfig().replace(
    /metrics:\n[\s\S]*?\ngate:/,
    `metrics:\n  source: ${source}\n  series:\n    - name: confidence\n      query: 'avg:model.confidence{*}'\n  windows:\n    end: latest\n    current: { duration: 1d }\n    reference: { duration: 7d }\n${extra}gate:`,
  );
}

interface Scenario {
  name: string;
  config: (urls: string) => string;
  status: number;
  inputs?: Record<string, string>;
  event?: string;
  payload?: Record<string, unknown>;
  cli?: boolean;
  env?: Record<string, string>;
}

const scenarios: Scenario[] = [
  {
    name: 'Datadog 403 echoing the keys',
    status: 403,
    config: (u) => metricsSection('datadog', `  datadog:\n    api_url: ${u}\n`),
  },
  {
    name: 'Prometheus 403 echoing basic Authorization',
    status: 403,
    config: (u) => metricsSection('prometheus', `  prometheus:\n    url: ${u}\n    auth: basic\n`),
  },
  {
    name: 'Prometheus 401 echoing a bearer token',
    status: 401,
    inputs: { 'prometheus-token': PROM_TOKEN, 'prometheus-password': '' },
    config: (u) => metricsSection('prometheus', `  prometheus:\n    url: ${u}\n    auth: bearer\n`),
  },
  {
    name: 'a 500 page carrying the URL and headers',
    status: 500,
    config: (u) =>
      metricsSection(
        'prometheus',
        `  prometheus:\n    url: ${u}/api?token=${URL_TOKEN}\n    auth: basic\n`,
      ),
  },
  {
    name: 'GitHub 401 echoing the request headers',
    status: 401,
    config: () =>
      exampleConfig({ metrics: 'drifted' }) +
      'report:\n  notify:\n    issue:\n      enabled: true\n      required: true\n',
    inputs: { mode: 'check' },
  },
  {
    name: 'webhook 500 echoing headers and a token in its URL',
    status: 500,
    config: (u) =>
      exampleConfig() +
      `report:\n  notify:\n    webhook:\n      url: ${u}/hook?token=${URL_TOKEN}\n      attempts: 2\n      retry_delay: 50ms\n      required: true\n`,
    inputs: { mode: 'full', force: 'true' },
  },
  {
    name: 'a dispatch reason holding keys',
    status: 200,
    config: () => exampleConfig(),
    event: 'workflow_dispatch',
    payload: {
      inputs: {
        reason: `retrain now; api_key=${DD_API} auth ${Buffer.from(`${PROM_USER}:${PROM_PASS}`).toString('base64')} see https://x.example/?token=${URL_TOKEN}`,
      },
    },
    inputs: { mode: 'check' },
  },
  {
    name: 'the reason input holding a key',
    status: 200,
    config: () => exampleConfig(),
    inputs: { mode: 'check', reason: `because ${GH_TOKEN} and ${encodeURIComponent(PROM_PASS)}` },
  },
  {
    name: 'CLI: Prometheus 403 echoing basic Authorization',
    status: 403,
    cli: true,
    config: (u) => metricsSection('prometheus', `  prometheus:\n    url: ${u}\n    auth: basic\n`),
  },
  {
    name: 'CLI: Datadog 403 echoing the keys, reason holding one',
    status: 403,
    cli: true,
    config: (u) => metricsSection('datadog', `  datadog:\n    api_url: ${u}\n`),
  },
];

const found: string[] = [];

describe('no secret leaves the process', () => {
  it.concurrent.each(scenarios.map((s) => [s.name, s] as const))('%s', async (_name, s) => {
    const { url } = await echoServer(s.status, dump);
    const ws = makeWorkspace(s.config(url));
    const temp = tempDir('mra-secret-');
    let written;
    if (s.cli) {
      const res = await runCli(
        [
          '--root',
          ws,
          '--report-dir',
          join(ws, 'reports'),
          '--mode',
          'check',
          '--reason',
          `key ${DD_API}`,
        ],
        ws,
        {
          DATADOG_API_KEY: DD_API,
          DATADOG_APP_KEY: DD_APP,
          PROMETHEUS_USERNAME: PROM_USER,
          PROMETHEUS_PASSWORD: PROM_PASS,
          GITHUB_TOKEN: GH_TOKEN,
        },
        120_000,
      );
      expect(res.code, res.stderr).toBe(1);
      written = everythingWritten(res, [join(ws, 'reports'), join(ws, 'registry'), temp]);
    } else {
      const res = await runAction({
        workspace: ws,
        eventName: s.event ?? 'schedule',
        payload: s.payload ?? { schedule: '0 * * * *' },
        inputs: { mode: 'check', ...SECRET_INPUTS, ...s.inputs },
        env: { GITHUB_API_URL: url, RUNNER_TEMP: temp },
        timeoutMs: 170_000,
      });
      expect(res.code).not.toBeNull();
      // The server's refusal is reported (the scenario did reach it), just without the secrets.
      if (s.status >= 400) expect(res.code, res.stdout).toBe(1);
      written = everythingWritten(res, [join(ws, '.model-retrain'), join(ws, 'registry'), temp]);
      if (res.outputs.report)
        written.push(
          ...everythingWritten({ stdout: '', stderr: '' }, [join(res.outputs.report, '..')]),
        );
    }
    for (const { where, text } of written) {
      for (const secret of SECRETS) {
        for (const form of encodings(secret)) {
          if (form.length >= 4 && text.includes(form))
            found.push(
              `${s.name}: ${where} holds ${JSON.stringify(form)} (of ${JSON.stringify(secret)})`,
            );
        }
      }
    }
    expect(found.filter((f) => f.startsWith(s.name))).toEqual([]);
  });

  afterAll(() => {
    console.log(`secret scan: ${scenarios.length} scenarios, ${found.length} secret occurrence(s)`);
  });
});
