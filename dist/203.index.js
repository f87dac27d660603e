export const id = 203;
export const ids = [203];
export const modules = {

/***/ 6584:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GitHubClient: () => (/* binding */ GitHubClient)
/* harmony export */ });
/* unused harmony export classify */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(157);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _text_redact_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3326);
/* harmony import */ var _report_notify_retry_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5452);




const DEFAULT_RETRY = { attempts: 3, baseMs: 1000, maxMs: 60_000 };
/** Issues listed at most, to bound a repository full of open issues. */
const MAX_ISSUE_PAGES = 10;
/** The GitHub REST calls notifications make, and nothing else. One instance per repository. */
class GitHubClient {
    options;
    octokit;
    owner;
    repo;
    constructor(options) {
        this.options = options;
        const [owner, repo] = options.repository.split('/');
        if (!owner || !repo) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`GitHub repository "${options.repository}" is not "owner/name"`);
        }
        this.owner = owner;
        this.repo = repo;
        const log = options.logger;
        this.octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(options.token, {
            baseUrl: options.apiUrl.replace(/\/+$/, ''),
            userAgent: 'model-retrain-action',
            request: { signal: options.signal },
            log: { debug: log.debug, info: log.debug, warn: log.warning, error: log.warning },
        });
    }
    /** Open issues carrying `label` (all open issues when none), newest first. */
    async listOpenIssues(label) {
        return this.call('list issues', 'issues: write', async () => {
            const out = [];
            let pages = 0;
            for await (const page of this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, {
                owner: this.owner,
                repo: this.repo,
                state: 'open',
                per_page: 100,
                ...(label ? { labels: label } : {}),
            })) {
                for (const i of page.data)
                    if (!i.pull_request)
                        out.push(toIssue(i));
                if (++pages >= MAX_ISSUE_PAGES)
                    break;
            }
            return out;
        });
    }
    async createIssue(title, body, labels) {
        return this.call('open an issue', 'issues: write', async () => {
            const res = await this.octokit.rest.issues.create({
                owner: this.owner,
                repo: this.repo,
                title: (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(title),
                body: (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(body),
                labels,
            });
            return toIssue(res.data);
        });
    }
    async updateIssue(number, patch) {
        return this.call(`update issue #${number}`, 'issues: write', async () => {
            const res = await this.octokit.rest.issues.update({
                owner: this.owner,
                repo: this.repo,
                issue_number: number,
                ...(patch.title !== undefined ? { title: (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(patch.title) } : {}),
                ...(patch.body !== undefined ? { body: (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(patch.body) } : {}),
                ...(patch.state ? { state: patch.state } : {}),
                ...(patch.stateReason ? { state_reason: patch.stateReason } : {}),
            });
            return toIssue(res.data);
        });
    }
    async comment(number, body) {
        return this.call(`comment on issue #${number}`, 'issues: write', async () => {
            const res = await this.octokit.rest.issues.createComment({
                owner: this.owner,
                repo: this.repo,
                issue_number: number,
                body: (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(body),
            });
            return { id: res.data.id, htmlUrl: res.data.html_url };
        });
    }
    /** Creates a deployment record; auto-merge and required status contexts are off for models. */
    async createDeployment(req) {
        return this.call('create a deployment', 'deployments: write', async () => {
            const res = await this.octokit.rest.repos.createDeployment({
                owner: this.owner,
                repo: this.repo,
                ref: req.ref,
                task: req.task,
                auto_merge: false,
                required_contexts: [],
                payload: (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redactValue */ .FI)(req.payload),
                environment: req.environment,
                description: (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(req.description),
                transient_environment: false,
                ...(req.productionEnvironment !== undefined
                    ? { production_environment: req.productionEnvironment }
                    : {}),
            });
            // 202 means GitHub merged the default branch instead of deploying (auto_merge): not a deployment.
            if (res.status !== 201 || !('id' in res.data)) {
                const message = 'message' in res.data ? res.data.message : `HTTP ${res.status}`;
                throw new Error(`GitHub did not create the deployment: ${message}`);
            }
            return { id: res.data.id, url: res.data.url };
        });
    }
    async createDeploymentStatus(deploymentId, req) {
        return this.call('set the deployment status', 'deployments: write', async () => {
            const res = await this.octokit.rest.repos.createDeploymentStatus({
                owner: this.owner,
                repo: this.repo,
                deployment_id: deploymentId,
                state: req.state,
                description: (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .redact */ .E$)(req.description).slice(0, 140),
                auto_inactive: true,
                ...(req.logUrl ? { log_url: req.logUrl } : {}),
                ...(req.environmentUrl ? { environment_url: req.environmentUrl } : {}),
            });
            return { id: res.data.id, url: res.data.url };
        });
    }
    /** Retries transient faults, and turns GitHub's answers into messages that say what to fix. */
    async call(what, permission, fn) {
        const now = this.options.now ?? (() => new Date());
        const attempt = async () => {
            try {
                return await fn();
            }
            catch (err) {
                throw classify(err, what, permission, this.options.repository, now());
            }
        };
        const { value } = await (0,_report_notify_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .withRetry */ .bD)(attempt, this.options.retry ?? DEFAULT_RETRY, this.options.signal, (n, wait, err) => this.options.logger.debug(`GitHub: ${what} failed (${err.message}); attempt ${n + 1} in ${wait} ms`));
        return value;
    }
}
/** Maps an Octokit error to a transient error, a user error naming the fix, or a plain error. */
function classify(err, what, permission, repository, now) {
    const e = (err ?? {});
    const status = typeof e.status === 'number' ? e.status : undefined;
    const data = e.response?.data;
    const message = (0,_text_redact_js__WEBPACK_IMPORTED_MODULE_2__/* .bodyExcerpt */ .kG)(data?.message ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(err));
    const headers = e.response?.headers ?? {};
    const header = (name) => {
        const v = headers[name];
        return v === undefined ? undefined : String(v);
    };
    if (status === undefined || status >= 500 || status === 408) {
        return new _report_notify_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .TransientError */ .N_(`GitHub: ${what}: ${status ? `HTTP ${status} ` : ''}${message}`);
    }
    // Rate limits: 429, or 403 with Retry-After / no requests left (primary limit resets at an epoch).
    const retryAfter = (0,_report_notify_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .retryAfterMs */ .Vs)(header('retry-after'), now);
    if (status === 429 || (status === 403 && retryAfter !== undefined)) {
        return new _report_notify_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .TransientError */ .N_(`GitHub: ${what}: rate limited (${message})`, retryAfter);
    }
    if (status === 403 && header('x-ratelimit-remaining') === '0') {
        const reset = Number(header('x-ratelimit-reset'));
        const wait = Number.isFinite(reset) ? reset * 1000 - now.getTime() : undefined;
        return new _report_notify_retry_js__WEBPACK_IMPORTED_MODULE_3__/* .TransientError */ .N_(`GitHub: ${what}: rate limit exhausted`, wait);
    }
    if (status === 403 && /not accessible by (integration|personal access token)/i.test(message)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`GitHub: cannot ${what} in ${repository}: the token lacks the "${permission}" permission (403 ${message}). Add \`permissions: ${permission}\` to the job, or use a token that has it.`);
    }
    if (status === 401) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`GitHub: cannot ${what}: the token was rejected (401 ${message}); check the github-token input.`);
    }
    if (status === 404) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .UserError */ .yo(`GitHub: cannot ${what}: ${repository} was not found or is not visible to the token (404 ${message}).`);
    }
    return new Error(`GitHub: cannot ${what}: HTTP ${status} ${message}`);
}
function toIssue(i) {
    return {
        number: i.number,
        title: i.title,
        body: i.body ?? '',
        state: i.state === 'closed' ? 'closed' : 'open',
        htmlUrl: i.html_url,
        labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
    };
}


/***/ })

};
