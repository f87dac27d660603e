/**
 * One redaction pass for every string that leaves the process: log lines, errors, the job
 * summary, step outputs, the run report, manifest lineage, issue/deployment bodies and webhook
 * payloads. Secrets are registered the moment they are read; the sinks call `redact`.
 *
 * Each secret is removed raw, URL-encoded, JSON-escaped and base64-encoded at any of the three
 * byte alignments (so it is caught inside a longer blob such as base64 of `user:pass`), and
 * anything shaped like an Authorization header or an `api_key=`/`token=` parameter loses its value
 * whether or not we know the secret (a server may echo a credential we never saw).
 */

/** What replaces a secret. */
export const MASK = '***';

/** Secrets shorter than this are not searched for inside text (they would mask ordinary words). */
const MIN_SECRET = 4;

/** Every searched form of every registered secret, longest first. */
let forms: string[] = [];
const registered = new Set<string>();

/** Base64 of a secret as it appears inside any longer base64 text: the chars its bytes alone decide. */
function base64Cores(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const out: string[] = [];
  for (let k = 0; k < 3; k++) {
    const enc = Buffer.concat([Buffer.alloc(k), bytes]).toString('base64');
    const start = Math.ceil((8 * k) / 6);
    const end = Math.floor((8 * (k + bytes.length)) / 6);
    const core = enc.slice(start, end);
    if (core.length >= MIN_SECRET) out.push(core);
  }
  return out;
}

/** The forms of a secret the masker and `redact` look for; also given to `core.setSecret`. */
export function secretForms(value: string): string[] {
  const b64 = Buffer.from(value, 'utf8').toString('base64');
  const set = new Set<string>([
    value,
    encodeURIComponent(value),
    encodeURIComponent(value).replace(/%20/g, '+'),
    JSON.stringify(value).slice(1, -1),
    b64,
    b64.replace(/=+$/, ''),
    b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''),
    ...base64Cores(value),
  ]);
  return [...set].filter((f) => f.length >= MIN_SECRET);
}

/**
 * Registers a secret; returns the forms that were new, for `core.setSecret` (the runner masks
 * the log only, so the files we write are redacted by `redact`).
 */
export function addSecret(value: string | undefined): string[] {
  const v = value?.trim();
  if (!v || v.length < MIN_SECRET || registered.has(v)) return [];
  registered.add(v);
  const fresh = secretForms(v).filter((f) => !forms.includes(f));
  forms = [...forms, ...fresh].sort((a, b) => b.length - a.length);
  return fresh;
}

/** Basic auth: the secret is also `user:pass` (what travels base64-encoded in the header). */
export function addBasicAuth(user: string | undefined, password: string | undefined): string[] {
  if (!password) return [];
  return [...addSecret(password), ...(user ? addSecret(`${user}:${password}`) : [])];
}

/** Forgets every secret (tests run several scenarios in one process). */
export function resetSecrets(): void {
  forms = [];
  registered.clear();
}

// A value ends at whitespace, a quote, a backslash (JSON escapes) or a separator; so
// redacting serialized JSON never breaks its syntax.
const VALUE = String.raw`[^\s"'\\&,;<>{}\[\]]{4,}`;
const AUTH_HEADER = new RegExp(
  String.raw`((?<![\w])(?:proxy-)?authorization["']?\s*[:=]\s*["']?)((?:bearer|basic|token|digest|apikey)\s+)?(${VALUE})`,
  'gi',
);
const KEY_NAMES = String.raw`(?:x-|dd-)?(?:api|app|application)[-_]?key|access[-_]?token|auth[-_]?token|refresh[-_]?token|id[-_]?token|token|client[-_]?secret|secret|password|passwd|x-amz-security-token|x-amz-signature|sig`;
/** `api_key=…` in query strings and form bodies. */
const KEY_PARAM = new RegExp(String.raw`([?&;\s"'(]|^)(${KEY_NAMES})=(?!\*\*\*)(${VALUE})`, 'gim');
/** `"api_key": "…"` / `DD-API-KEY: …` in echoed JSON or headers. */
const KEY_FIELD = new RegExp(
  String.raw`(["']?(?<![-\w])(?:${KEY_NAMES})["']?\s*:\s*["']?)(?!\*\*\*)(${VALUE})`,
  'gi',
);
/** `scheme://user:password@host`. */
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/@:"'\\]+):([^\s/@"'\\]+)@/gi;

/** The text with every known secret form and every credential-shaped value replaced by ***. */
export function redact(text: string): string {
  let out = String(text);
  for (const f of forms) if (out.includes(f)) out = out.split(f).join(MASK);
  return out
    .replace(
      AUTH_HEADER,
      (_m, head: string, scheme: string | undefined) => `${head}${scheme ?? ''}${MASK}`,
    )
    .replace(KEY_PARAM, (_m, pre: string, key: string) => `${pre}${key}=${MASK}`)
    .replace(KEY_FIELD, (_m, head: string) => `${head}${MASK}`)
    .replace(URL_USERINFO, (_m, scheme: string, user: string) => `${scheme}${user}:${MASK}@`);
}

/** A JSON-shaped value with every string redacted (manifest lineage, webhook payloads). */
export function redactValue<T>(value: T): T {
  if (value === undefined) return value;
  const text = JSON.stringify(value);
  if (text === undefined) return value;
  const clean = redact(text);
  if (clean === text) return value;
  try {
    return JSON.parse(clean) as T;
  } catch {
    return JSON.parse(
      JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' ? redact(v) : v)),
    ) as T;
  }
}

/** A remote server's error body for a message: one line, cut short, redacted. */
export function bodyExcerpt(text: string, max = 200): string {
  const flat = redact(String(text)).replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 3)}...` : flat;
}
