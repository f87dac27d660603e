export const id = 475;
export const ids = [475];
export const modules = {

/***/ 8475:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  notify: () => (/* binding */ notify)
});

// UNUSED EXPORTS: describe, notifyConfigOf

// EXTERNAL MODULE: ./src/errors.ts
var src_errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/text/redact.ts
var redact = __webpack_require__(3326);
// EXTERNAL MODULE: ./src/report/notify/retry.ts
var notify_retry = __webpack_require__(5452);
;// CONCATENATED MODULE: ./src/report/notify/datadog-event.ts




const MAX_TEXT = 4000;
const MAX_AGGREGATION_KEY = 100;
/** The deployment marker for a promoted version or a rollback. Pure. */
function buildDatadogEvent(delivery, report, config, runUrl, now) {
    const alias = delivery.alias ?? 'no alias';
    const title = delivery.event === 'rolled-back'
        ? `Rolled back ${delivery.model} to v${delivery.version} (${alias})`
        : `Deployed ${delivery.model} v${delivery.version} to ${alias}`;
    const run = runUrl ? `[${report.run.runId}](${runUrl})` : report.run.runId;
    const lines = [
        `Model **${delivery.model}** v${delivery.version} ${delivery.event === 'rolled-back' ? 'restored' : 'published'} by run ${run}` +
            (delivery.previous !== null ? ` (previous: v${delivery.previous}).` : '.'),
        `Trigger: ${report.trigger.reason}`,
        `Files: ${delivery.uri}`,
    ];
    let body = lines.join('\n');
    // Markdown needs the %%% wrapper; keep the whole text within Datadog's 4000 characters.
    if (body.length > MAX_TEXT - 12)
        body = `${body.slice(0, MAX_TEXT - 13)}…`;
    return {
        title,
        text: `%%% \n${body}\n %%%`,
        date_happened: Math.floor(now.getTime() / 1000),
        tags: [
            'deployment',
            `service:${config.service ?? delivery.model}`,
            `model:${delivery.model}`,
            `version:${delivery.version}`,
            ...(delivery.alias ? [`alias:${delivery.alias}`] : []),
            ...(config.tags ?? []),
        ],
        alert_type: delivery.event === 'rolled-back' ? 'warning' : 'info',
        source_type_name: 'github',
        aggregation_key: `model-retrain-${delivery.model}`.slice(0, MAX_AGGREGATION_KEY),
    };
}
/** https://api.<site>, or the configured URL. */
function datadogBaseUrl(config, metricsSite) {
    if (config.url)
        return config.url.replace(/\/+$/, '');
    return `https://api.${config.site ?? metricsSite ?? 'datadoghq.com'}`;
}
const RETRY = { attempts: 4, baseMs: 1000, maxMs: 60_000 };
/** Posts the event; retries 429 (waiting X-RateLimit-Reset seconds) and 5xx. */
async function postDatadogEvent(baseUrl, apiKey, event, io, retry = RETRY) {
    if (!apiKey) {
        throw new src_errors/* UserError */.yo('Datadog event: no Datadog API key; pass the datadog-api-key input (or DD_API_KEY), or remove report.notify.datadog');
    }
    const { value, attempts } = await (0,notify_retry/* withRetry */.bD)(async () => {
        let res;
        try {
            res = await fetch(`${baseUrl}/api/v1/events`, {
                method: 'POST',
                headers: {
                    'Content-Type': 'application/json',
                    Accept: 'application/json',
                    'DD-API-KEY': apiKey,
                },
                body: (0,redact/* redact */.E$)(JSON.stringify(event)),
                signal: AbortSignal.any([io.signal, AbortSignal.timeout(15_000)]),
            });
        }
        catch (err) {
            throw new notify_retry/* TransientError */.N_(`Datadog event: ${(0,src_errors/* errorMessage */.gJ)(err)}`);
        }
        // Error bodies may come as text/plain although they are JSON: parse regardless.
        const text = await res.text();
        let json = {};
        try {
            json = JSON.parse(text);
        }
        catch {
            // keep {}: the status code still says what happened
        }
        if (res.status === 202 || res.ok)
            return json;
        const errors = (0,redact/* bodyExcerpt */.kG)(Array.isArray(json.errors) ? json.errors.join('; ') : text);
        if (res.status === 429 || res.status >= 500) {
            const reset = Number(res.headers.get('x-ratelimit-reset'));
            throw new notify_retry/* TransientError */.N_(`Datadog event: HTTP ${res.status} ${errors}`, Number.isFinite(reset) && reset >= 0 && res.headers.has('x-ratelimit-reset')
                ? reset * 1000
                : undefined);
        }
        if (res.status === 403) {
            throw new src_errors/* UserError */.yo(`Datadog event: the API key was rejected (403 ${errors}); check datadog-api-key`);
        }
        throw new Error(`Datadog event: HTTP ${res.status} ${errors}`);
    }, retry, io.signal, (n, wait, err) => io.logger.info(`${err.message}; attempt ${n + 1} in ${wait} ms`));
    const ev = (value.event ?? {});
    return {
        status: 'posted',
        // Event ids exceed 2^53: read id_str, never id.
        id: typeof ev.id_str === 'string' ? ev.id_str : '',
        ...(typeof ev.url === 'string' ? { url: ev.url } : {}),
        attempts,
    };
}

// EXTERNAL MODULE: ./src/gate/summary.ts
var summary = __webpack_require__(1963);
// EXTERNAL MODULE: ./src/text/code-span.ts
var code_span = __webpack_require__(2615);
// EXTERNAL MODULE: ./src/text/escape.ts
var text_escape = __webpack_require__(7388);
// EXTERNAL MODULE: ./src/report/charts.ts + 3 modules
var report_charts = __webpack_require__(3872);
// EXTERNAL MODULE: ./src/report/limits.ts
var limits = __webpack_require__(5356);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/summary.ts + 4 modules
var report_summary = __webpack_require__(9241);
// EXTERNAL MODULE: ./src/report/time.ts
var time = __webpack_require__(5813);
// EXTERNAL MODULE: ./src/report/notify/links.ts
var links = __webpack_require__(5459);
;// CONCATENATED MODULE: ./src/report/notify/issue-body.ts









/** The hidden marker that identifies a model's issue (labels alone may be shared or edited). */
function issueMarker(model) {
    return `<!-- model-retrain:${model} -->`;
}
const STATE_RE = /<!-- model-retrain-state:(\{.*?\}) -->/;
/** The severity the issue body last recorded, to comment only on changes. */
function recordedSeverity(body) {
    const m = STATE_RE.exec(body);
    if (!m)
        return undefined;
    try {
        const s = JSON.parse(m[1]).severity;
        return s === 'ok' || s === 'warn' || s === 'alert' || s === 'insufficient' ? s : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * What to do with the model's issue after this run. Pure.
 * Open (or update) while severity is warn or alert; close when the model is healthy again or a
 * new version was promoted; leave it alone when nothing could be judged.
 */
function planIssue(report, open, summaryMarkdown, runUrl, metrics) {
    const marker = issueMarker(report.model);
    const mine = open.filter((i) => i.body.includes(marker));
    const delivery = (0,links/* deliveryOf */.A)(report);
    const link = runUrl ? `[run ${report.run.runId}](${runUrl})` : `run ${report.run.runId}`;
    if (delivery?.event === 'published') {
        if (mine.length === 0)
            return { action: 'none', reason: 'no open issue; new version promoted' };
        return {
            action: 'close',
            numbers: mine.map((i) => i.number),
            comment: `Version ${delivery.version} of ${(0,code_span/* codeSpan */.S)(report.model)} was promoted to ${(0,code_span/* codeSpan */.S)(delivery.alias ?? '')} by ${link}. Closing.`,
        };
    }
    if (report.outcome === 'failed' && !report.gate) {
        return { action: 'none', reason: 'the run failed before the gate' };
    }
    const severity = report.severity;
    // "ok" without any evaluated check (a retrain job trusting the check job's decision) is no
    // finding of health: keep the issue open, and only note what the run did.
    const judged = (report.gate?.checks.length ?? 0) > 0 || report.trigger.intent === 'close';
    if (severity === 'ok' && !judged) {
        const outcome = outcomeLine(report);
        if (mine.length === 0 || !outcome) {
            return { action: 'none', reason: 'no checks were evaluated; the issue is left as it is' };
        }
        return {
            action: 'comment',
            numbers: mine.map((i) => i.number),
            comment: `${link}: ${outcome}`,
        };
    }
    if (severity === 'ok') {
        if (mine.length === 0)
            return { action: 'none', reason: 'model healthy, no open issue' };
        return {
            action: 'close',
            numbers: mine.map((i) => i.number),
            comment: `${(0,code_span/* codeSpan */.S)(report.model)} is healthy again (${link}: ${(0,text_escape/* escapeInline */.VV)(report.trigger.reason)}). Closing.`,
        };
    }
    if (severity === 'insufficient') {
        return { action: 'none', reason: 'not enough data to judge; the issue is left as it is' };
    }
    const { title, body } = renderIssue(report, summaryMarkdown, runUrl, metrics);
    const existing = mine[0];
    if (!existing)
        return { action: 'open', title, body };
    const before = recordedSeverity(existing.body);
    const notes = [];
    if (before !== severity)
        notes.push(`Severity is now **${severity}**${before ? ` (was ${before})` : ''}.`);
    const outcome = outcomeLine(report);
    if (outcome)
        notes.push(outcome);
    return {
        action: 'update',
        number: existing.number,
        title,
        body,
        ...(notes.length ? { comment: `${link}: ${notes.join(' ')}` } : {}),
    };
}
/** Outcomes worth a comment: something was attempted and did not end the warning. */
function outcomeLine(report) {
    switch (report.outcome) {
        case 'rejected':
            return `Retrained, but the challenger was rejected${report.verdict ? `: ${(0,text_escape/* escapeInline */.VV)(report.verdict.reason)}` : ''}.`;
        case 'failed':
            return `The run failed: ${(0,text_escape/* escapeInline */.VV)(report.error ?? report.trainingFailure?.message ?? 'see the run')}.`;
        case 'superseded':
            return `Version ${report.publication?.version ?? ''} was published but not promoted: the alias moved to ${report.publication?.superseded?.serving ?? 'none'} during the run.`;
        case 'shadow':
            return `A shadow version ${report.publication?.version ?? ''} was published without moving the alias.`;
        default:
            return report.guard?.blocked
                ? `Retrain held back: ${(0,text_escape/* escapeInline */.VV)(report.guard.reason)}.`
                : undefined;
    }
}
const FOOTER = '_Updated by model-retrain-action on each run while the model is in warning or alert; closed when it is healthy again or a new version is promoted._';
/**
 * Title and body of the model's issue: the decision and why, the chart, the run, the checks,
 * the run's summary folded. Under GitHub's 65,536 characters: the least important parts go
 * first, and the body says so.
 */
function renderIssue(report, summaryMarkdown, runUrl, metrics) {
    const level = report.severity === 'alert' ? 'drift alert' : 'drift warning';
    const title = `Model ${report.model}: ${level}`.slice(0, 250);
    const when = (0,time/* humanTime */.zK)(report.finishedAt ?? report.startedAt);
    const head = [
        issueMarker(report.model),
        `<!-- model-retrain-state:${JSON.stringify({ severity: report.severity, run: report.run.runId })} -->`,
        `## Model ${(0,code_span/* codeSpan */.S)(report.model)}: ${level}`,
        '',
        `**Decision: \`${report.decision}\`** (${report.severity}) — ${(0,report_summary/* reasonLine */.$E)(report)}`,
    ].join('\n');
    const run = (0,markdown/* table */.tp)(['Run', 'Value'], [
        ['Severity', `**${report.severity}**`],
        ['Decision', report.decision],
        ['Outcome', report.outcome],
        ['Trigger', (0,text_escape/* escapeInline */.VV)(report.trigger.reason)],
        [
            'Last run',
            `${runUrl ? `[${(0,text_escape/* escapeInline */.VV)(report.run.runId)}](${runUrl})` : (0,text_escape/* escapeInline */.VV)(report.run.runId)} at ${when} UTC`,
        ],
        ...(report.guard?.blocked ? [['Held back', (0,text_escape/* escapeInline */.VV)(report.guard.reason)]] : []),
    ]);
    const charts = (0,report_charts/* gateCharts */.L0)(report.gate?.checks ?? [], metrics, (0,report_summary/* unitsOf */.$J)(report));
    const parts = [
        { name: 'header', keep: Infinity, text: head },
        { name: 'charts', keep: 50, text: charts.map(report_charts/* chartMarkdown */.GJ).join('\n\n') },
        { name: 'run table', keep: 90, text: run },
        {
            name: 'checks',
            keep: 80,
            text: report.gate?.checks.length
                ? (0,summary/* renderGateMarkdown */.N5)(report.gate, { units: (0,report_summary/* unitsOf */.$J)(report) }).trimEnd()
                : '_No gate checks were evaluated in this run._',
        },
        {
            name: 'run summary',
            keep: 10,
            text: summaryMarkdown ? (0,markdown/* details */.zH)('Run summary', summaryMarkdown) : '',
        },
        { name: 'footer', keep: Infinity, text: FOOTER },
    ];
    const body = (0,limits/* fitParts */.u5)(parts, limits/* ISSUE_LIMIT_CHARS */.gQ, limits/* chars */.Wn, "GitHub's 65,536-character issue limit", runUrl ? `The [run](${runUrl}) has everything.` : 'The run has everything.');
    return { title, body };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/config/duration.ts
var duration = __webpack_require__(7840);
;// CONCATENATED MODULE: ./src/report/notify/webhook.ts





const SIGNATURE_HEADER = 'X-Model-Retrain-Signature';
/** `sha256=<hex HMAC-SHA256 of the exact body bytes>`, as GitHub signs its own webhooks. */
function signBody(body, secret) {
    return `sha256=${(0,external_node_crypto_.createHmac)('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
/** POSTs the delivery, retrying 5xx, 408, 429 and network errors with exponential backoff. */
async function postWebhook(config, body, secret, io) {
    const delivery = (0,external_node_crypto_.randomUUID)();
    const text = (0,redact/* redact */.E$)(JSON.stringify({ ...body, delivery }));
    const headers = {
        'Content-Type': 'application/json',
        'User-Agent': 'model-retrain-action',
        'X-Model-Retrain-Event': body.event,
        'X-Model-Retrain-Delivery': delivery,
    };
    if (secret)
        headers[SIGNATURE_HEADER] = signBody(text, secret);
    else
        io.logger.warning('webhook: no webhook secret is set; the request is sent unsigned');
    const target = webhook_redact(config.url);
    const timeoutMs = (0,duration/* parseDuration */.E9)(config.timeout ?? '10s', 'report.notify.webhook.timeout');
    const policy = {
        attempts: config.attempts ?? 5,
        baseMs: (0,duration/* parseDuration */.E9)(config.retry_delay ?? '1s', 'report.notify.webhook.retry_delay'),
        maxMs: 60_000,
    };
    const { value: http, attempts } = await (0,notify_retry/* withRetry */.bD)(async () => {
        let res;
        try {
            res = await fetch(config.url, {
                method: 'POST',
                headers,
                body: text,
                signal: AbortSignal.any([io.signal, AbortSignal.timeout(timeoutMs)]),
            });
        }
        catch (err) {
            throw new notify_retry/* TransientError */.N_(`webhook ${target}: ${causeOf(err)}`);
        }
        const answer = (0,redact/* bodyExcerpt */.kG)(await res.text().catch(() => ''));
        if (res.ok)
            return res.status;
        const why = `webhook ${target}: HTTP ${res.status}${answer ? ` ${answer}` : ''}`;
        if (res.status >= 500 || res.status === 408 || res.status === 429) {
            throw new notify_retry/* TransientError */.N_(why, (0,notify_retry/* retryAfterMs */.Vs)(res.headers.get('retry-after'), io.now()));
        }
        throw new Error(`${why} (not retried: a ${res.status} will not change on retry)`);
    }, policy, io.signal, (n, wait, err) => io.logger.info(`${err.message}; attempt ${n + 1} in ${wait} ms`));
    return { status: 'delivered', http, attempts, delivery, signed: Boolean(secret) };
}
/** The URL without credentials or query (which may hold tokens), for messages. */
function webhook_redact(url) {
    try {
        const u = new URL(url);
        return `${u.protocol}//${u.host}${u.pathname}`;
    }
    catch {
        return '(invalid URL)';
    }
}
function causeOf(err) {
    const cause = err.cause;
    if (err instanceof Error && err.name === 'TimeoutError')
        return 'timed out';
    return cause ? `${(0,src_errors/* errorMessage */.gJ)(err)} (${(0,src_errors/* errorMessage */.gJ)(cause)})` : (0,src_errors/* errorMessage */.gJ)(err);
}

;// CONCATENATED MODULE: ./src/report/notify.ts






/** `report.notify` of the config (absent until the section is used). */
function notifyConfigOf(config) {
    return config.report.notify ?? {};
}
/**
 * Tells the outside world about the run: the model's GitHub issue, a GitHub deployment, the
 * serving webhook and a Datadog event. Each target is independent; a failure is a warning and
 * is recorded in the result, unless the target is `required`, in which case notify throws after
 * every target has been tried.
 */
async function notify(input, ctx) {
    const { config, report } = input;
    const cfg = notifyConfigOf(config);
    const url = (0,links/* runUrl */.V)(report.run ?? ctx.run);
    const delivery = (0,links/* deliveryOf */.A)(report);
    const results = {};
    const failures = [];
    let github;
    const gitHub = () => (github ??= makeGitHub(ctx));
    const attempt = async (target, required, fn) => {
        try {
            results[target] = await fn();
        }
        catch (err) {
            const message = (0,src_errors/* errorMessage */.gJ)(err);
            results[target] = { status: 'failed', error: message };
            ctx.logger.warning(`notify ${target}: ${message}`);
            if (required)
                failures.push({ target, err });
        }
    };
    const issueOn = cfg.issue?.enabled ?? config.gate?.on_warn === 'issue';
    if (issueOn) {
        await attempt('issue', cfg.issue?.required, async () => {
            const labels = cfg.issue?.labels ?? ['model-retrain'];
            return syncIssue(await gitHub(), labels, input, url);
        });
    }
    if (cfg.deployment && delivery) {
        const dep = cfg.deployment;
        await attempt('deployment', dep.required, async () => {
            const ref = ctx.run.sha ?? ctx.run.ref;
            if (!ref)
                return { status: 'skipped', reason: 'no commit or ref to deploy (GITHUB_SHA unset)' };
            const description = describe(delivery);
            const client = await gitHub();
            const created = await client.createDeployment({
                ref,
                environment: dep.environment,
                task: 'deploy:model',
                description,
                payload: payloadOf(delivery),
                ...(dep.production_environment !== undefined
                    ? { productionEnvironment: dep.production_environment }
                    : {}),
            });
            const status = await client.createDeploymentStatus(created.id, {
                state: 'success',
                description,
                ...(url ? { logUrl: url } : {}),
                ...(dep.url ? { environmentUrl: dep.url } : {}),
            });
            ctx.logger.info(`GitHub deployment ${created.id} to ${dep.environment}: success`);
            return {
                status: 'created',
                id: created.id,
                environment: dep.environment,
                statusId: status.id,
            };
        });
    }
    if (cfg.webhook && delivery) {
        const hook = cfg.webhook;
        await attempt('webhook', hook.required, async () => {
            const result = await postWebhook(hook, {
                ...delivery,
                run: {
                    id: ctx.run.runId,
                    ...(url ? { url } : {}),
                    ...(ctx.run.repository ? { repository: ctx.run.repository } : {}),
                    ...(ctx.run.sha ? { sha: ctx.run.sha } : {}),
                },
                trigger: report.trigger.reason,
                at: ctx.now().toISOString(),
            }, ctx.secrets.webhookSecret, ctx);
            ctx.logger.info(`webhook: delivered ${delivery.model} v${delivery.version} (HTTP ${result.http})`);
            return { ...result };
        });
    }
    if (cfg.datadog && delivery) {
        const dd = cfg.datadog;
        await attempt('datadog', dd.required, async () => {
            const event = buildDatadogEvent(delivery, report, dd, url, ctx.now());
            const base = datadogBaseUrl(dd, config.metrics?.datadog?.site);
            const result = await postDatadogEvent(base, ctx.secrets.datadogApiKey, event, ctx);
            ctx.logger.info(`Datadog event ${result.id}: ${event.title}`);
            return { ...result };
        });
    }
    if (failures.length > 0) {
        const message = `required notification failed: ${failures.map((f) => `${f.target}: ${(0,src_errors/* errorMessage */.gJ)(f.err)}`).join('; ')}`;
        throw failures.every((f) => f.err instanceof src_errors/* UserError */.yo)
            ? new src_errors/* UserError */.yo(message)
            : new Error(message);
    }
    return results;
}
/** Octokit is loaded only by runs that talk to GitHub (it is a large part of the bundle's start). */
async function makeGitHub(ctx) {
    if (!ctx.secrets.githubToken) {
        throw new src_errors/* UserError */.yo('no GitHub token; pass the github-token input (default: ${{ github.token }})');
    }
    if (!ctx.run.repository) {
        throw new src_errors/* UserError */.yo('no repository (GITHUB_REPOSITORY is unset)');
    }
    const { GitHubClient } = await Promise.all(/* import() */[__webpack_require__.e(157), __webpack_require__.e(203)]).then(__webpack_require__.bind(__webpack_require__, 6584));
    return new GitHubClient({
        token: ctx.secrets.githubToken,
        apiUrl: ctx.run.apiUrl,
        repository: ctx.run.repository,
        logger: ctx.logger,
        signal: ctx.signal,
        now: ctx.now,
    });
}
async function syncIssue(client, labels, input, url) {
    const open = await (input.listOpenIssues ?? ((l) => client.listOpenIssues(l)))(labels[0]);
    const plan = planIssue(input.report, open, input.summaryMarkdown, url, input.metrics);
    switch (plan.action) {
        case 'open': {
            const issue = await client.createIssue(plan.title, plan.body, labels);
            return { status: 'opened', number: issue.number, url: issue.htmlUrl };
        }
        case 'update': {
            const issue = await client.updateIssue(plan.number, { title: plan.title, body: plan.body });
            if (plan.comment)
                await client.comment(plan.number, plan.comment);
            return {
                status: 'updated',
                number: issue.number,
                url: issue.htmlUrl,
                commented: Boolean(plan.comment),
            };
        }
        case 'close': {
            for (const n of plan.numbers) {
                await client.comment(n, plan.comment);
                await client.updateIssue(n, { state: 'closed', stateReason: 'completed' });
            }
            return { status: 'closed', numbers: plan.numbers };
        }
        case 'comment': {
            for (const n of plan.numbers)
                await client.comment(n, plan.comment);
            return { status: 'commented', numbers: plan.numbers };
        }
        case 'none':
            return { status: 'unchanged', reason: plan.reason };
    }
}
/** A deployment's description: plain text on one line, at most GitHub's 140 characters. */
function describe(d) {
    const text = d.event === 'rolled-back'
        ? `${d.model} rolled back to v${d.version}`
        : `${d.model} v${d.version}${d.alias ? ` → ${d.alias}` : ''}`;
    const line = (0,text_escape/* escapeLogText */.dD)(text);
    return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}
function payloadOf(d) {
    return {
        model: d.model,
        version: d.version,
        uri: d.uri,
        manifest: d.manifest,
        alias: d.alias,
        previous: d.previous,
    };
}


/***/ }),

/***/ 5452:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   N_: () => (/* binding */ TransientError),
/* harmony export */   Vs: () => (/* binding */ retryAfterMs),
/* harmony export */   bD: () => (/* binding */ withRetry)
/* harmony export */ });
/* unused harmony export backoffMs */
/** Thrown by an attempt that may succeed when repeated (5xx, 429, a dropped connection). */
class TransientError extends Error {
    waitMs;
    constructor(message, 
    /** The server said how long to wait. */
    waitMs) {
        super(message);
        this.waitMs = waitMs;
        this.name = 'TransientError';
    }
}
/** Wait before attempt `attempt + 1` (attempt counts from 1): the server's hint, else backoff. */
function backoffMs(attempt, policy, hintMs) {
    const wait = hintMs !== undefined ? hintMs : policy.baseMs * 2 ** (attempt - 1);
    return Math.max(0, Math.min(wait, policy.maxMs));
}
/** Seconds from Retry-After (delta seconds or an HTTP date), as milliseconds. */
function retryAfterMs(value, now) {
    if (!value)
        return undefined;
    if (/^\d+(\.\d+)?$/.test(value.trim()))
        return Number(value) * 1000;
    const at = Date.parse(value);
    return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}
/** Runs `attempt` until it succeeds, throws a non-transient error, or attempts run out. */
async function withRetry(attempt, policy, signal, onRetry) {
    for (let n = 1;; n++) {
        try {
            return { value: await attempt(n), attempts: n };
        }
        catch (err) {
            if (!(err instanceof TransientError) || n >= policy.attempts || signal.aborted)
                throw err;
            const wait = backoffMs(n, policy, err.waitMs);
            onRetry?.(n, wait, err);
            await sleep(wait, signal);
        }
    }
}
function sleep(ms, signal) {
    return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
            clearTimeout(timer);
            signal.removeEventListener('abort', done);
            resolve();
        }
        signal.addEventListener('abort', done, { once: true });
    });
}


/***/ })

};
