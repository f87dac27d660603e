export const id = 887;
export const ids = [887];
export const modules = {

/***/ 887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createS3Source: () => (/* binding */ createS3Source)
/* harmony export */ });
/* unused harmony exports parseS3Uri, s3ClientConfig, metricsObjectFormat, S3Source, s3Error */
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3711);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _s3_client_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(511);
/* harmony import */ var _rows_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(60);
/* harmony import */ var _scanned_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1119);
/* harmony import */ var _table_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3972);






function parseS3Uri(uri) {
    const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri.trim());
    if (!m || !m[1]) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`metrics.s3.uri: "${uri}" is not an S3 URI; use s3://bucket/prefix/`);
    }
    return { bucket: m[1], prefix: m[2] ?? '' };
}
/** Client settings: region from the config or AWS_REGION; path-style for custom endpoints. */
function s3ClientConfig(s, env) {
    const { region, ...address } = (0,_s3_client_js__WEBPACK_IMPORTED_MODULE_3__/* .s3Addressing */ .L)(s, env);
    return {
        region: region ?? 'us-east-1',
        ...address,
        // Metrics objects carry no checksums we rely on; some S3-compatible stores trip the SDK's check.
        responseChecksumValidation: 'WHEN_REQUIRED',
    };
}
/** Which objects under the prefix hold metrics: by extension, or every object when the format is set. */
function metricsObjectFormat(key, configured) {
    if (key.endsWith('/'))
        return undefined;
    const base = key.toLowerCase().replace(/\.gz$/, '');
    if (base.endsWith('.csv'))
        return 'csv';
    if (base.endsWith('.jsonl') || base.endsWith('.ndjson'))
        return 'jsonl';
    return configured;
}
/**
 * CSV or JSONL objects (gzip when the key ends .gz) under an S3 prefix. Objects are streamed
 * line by line and only rows inside the window are kept: an object is never held whole.
 */
class S3Source extends _scanned_js__WEBPACK_IMPORTED_MODULE_4__/* .ScannedSource */ .Y {
    opts;
    kind = 's3';
    loc;
    keys;
    constructor(opts) {
        super(opts.series);
        this.opts = opts;
        this.loc = parseS3Uri(opts.uri);
    }
    describe() {
        return this.opts.series.map((s) => ({
            series: s.name,
            query: `${this.opts.uri} [${s.column ?? s.name}]`,
        }));
    }
    async close() {
        this.opts.client.destroy();
    }
    async scan(sink) {
        this.keys ??= this.list();
        const objects = await this.keys;
        const readers = [];
        for (const { key, format } of objects) {
            const file = `s3://${this.loc.bucket}/${key}`;
            const reader = new _rows_js__WEBPACK_IMPORTED_MODULE_1__/* .RowReader */ .of({
                series: this.opts.series,
                timestampColumn: this.opts.timestampColumn ?? 'timestamp',
                file,
                notes: this.opts.notes,
            });
            readers.push(reader);
            const res = await this.call('get', file, () => this.opts.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.GetObjectCommand({ Bucket: this.loc.bucket, Key: key }), {
                abortSignal: this.opts.signal,
            }));
            const body = res.Body;
            if (!body)
                continue;
            try {
                await (0,_table_js__WEBPACK_IMPORTED_MODULE_2__/* .readLines */ .Se)((0,_table_js__WEBPACK_IMPORTED_MODULE_2__/* .lines */ .Mn)(body, (0,_table_js__WEBPACK_IMPORTED_MODULE_2__/* .isGzip */ .bf)(key)), format, reader, sink, file);
            }
            catch (e) {
                if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo)
                    throw e;
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: cannot read the object (${e.message}); is it ${(0,_table_js__WEBPACK_IMPORTED_MODULE_2__/* .isGzip */ .bf)(key) ? 'really gzip' : format}?`);
            }
            finally {
                body.destroy();
            }
        }
        (0,_rows_js__WEBPACK_IMPORTED_MODULE_1__/* .assertColumnsExist */ .jt)(readers, this.opts.uri);
    }
    async list() {
        const out = [];
        const skipped = [];
        let token;
        do {
            const page = await this.call('list', this.opts.uri, () => this.opts.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.ListObjectsV2Command({
                Bucket: this.loc.bucket,
                Prefix: this.loc.prefix,
                ContinuationToken: token,
            }), { abortSignal: this.opts.signal }));
            for (const o of page.Contents ?? []) {
                if (!o.Key || o.Size === 0)
                    continue;
                const format = metricsObjectFormat(o.Key, this.opts.format);
                if (format)
                    out.push({ key: o.Key, format });
                else
                    skipped.push(o.Key);
            }
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        out.sort((a, b) => a.key.localeCompare(b.key));
        if (out.length === 0) {
            this.opts.notes.warn(`metrics: no .csv or .jsonl objects (optionally .gz) under ${this.opts.uri}${skipped.length ? ` (skipped ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? '…' : ''}; set metrics.s3.format to read them)` : ''}`);
        }
        return out;
    }
    async call(op, where, fn) {
        try {
            return await fn();
        }
        catch (e) {
            throw s3Error(e, op, where, this.loc.bucket, this.opts.endpoint);
        }
    }
}
/** One clear message per S3 failure the user can fix. */
function s3Error(err, op, where, bucket, endpoint) {
    const e = (err ?? {});
    const code = e.Code ?? e.name ?? '';
    const status = e.$metadata?.httpStatusCode;
    const msg = e.message ?? String(err);
    if (code === 'NoSuchBucket') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`metrics.s3.uri: bucket "${bucket}" does not exist${endpoint ? ` at ${endpoint}` : ''}; check the bucket name and metrics.s3.region/endpoint`);
    }
    if (code === 'AccessDenied' || status === 403) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`metrics.s3.uri: access denied to ${where}; the credentials need ${op === 'list' ? 's3:ListBucket' : 's3:GetObject'} there`);
    }
    if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken'].includes(code)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`metrics.s3: S3 refused the AWS credentials (${code}); refresh them (e.g. aws-actions/configure-aws-credentials)`);
    }
    if (code === 'CredentialsProviderError') {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`metrics.s3: no AWS credentials found; configure them before this step (e.g. aws-actions/configure-aws-credentials, or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY)`);
    }
    const net = e.code ?? err?.cause?.code ?? code;
    if (['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH'].includes(net)) {
        return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`cannot reach S3 at ${endpoint ?? 'the AWS endpoint'}: is the URL right? (${net})`);
    }
    return new Error(`S3 ${op} ${where} failed: ${code ? `${code}: ` : ''}${msg}`);
}
function createS3Source(s, series, notes, env, signal) {
    const cfg = s3ClientConfig(s, env);
    return new S3Source({
        uri: s.uri,
        format: s.format,
        timestampColumn: s.timestamp_column,
        series,
        client: new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.S3Client(cfg),
        endpoint: (0,_s3_client_js__WEBPACK_IMPORTED_MODULE_3__/* .customS3Endpoint */ .F)(s, env),
        notes,
        signal,
    });
}


/***/ }),

/***/ 511:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   F: () => (/* binding */ customS3Endpoint),
/* harmony export */   L: () => (/* binding */ s3Addressing)
/* harmony export */ });
/**
 * Where an S3 client sends its requests, the same for the metrics source and the registry
 * store. Each builds its own client on top: region fallback, retries and checksums differ.
 */
/** A non-AWS endpoint in use: the configured one, else the SDK's AWS_ENDPOINT_URL(_S3). */
function customS3Endpoint(s, env) {
    return s.endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
}
/**
 * Region: the configured one, else AWS_REGION / AWS_DEFAULT_REGION (undefined: the caller's
 * fallback). Only a configured endpoint is passed on, as the SDK reads the endpoint variables
 * itself. Credentials are left to the SDK's default chain.
 */
function s3Addressing(s, env) {
    return {
        region: s.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
        ...(s.endpoint ? { endpoint: s.endpoint } : {}),
        // S3-compatible servers rarely have <bucket>.host DNS; AWS itself works either way.
        forcePathStyle: s.force_path_style ?? Boolean(customS3Endpoint(s, env)),
    };
}


/***/ })

};
