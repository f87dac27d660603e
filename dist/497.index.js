export const id = 497;
export const ids = [497,887];
export const modules = {

/***/ 7240:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   g: () => (/* binding */ S3Bytes)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3711);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);


/** Range reads retried after the SDK's own retries gave up, as the registry retries its reads. */
const READ_ATTEMPTS = 5;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Codes a retry cannot change: the object is gone, changed, refused, or shorter than listed. */
const PERMANENT = new Set([
    'NoSuchKey',
    'NoSuchBucket',
    'AccessDenied',
    'InvalidRange',
    'PreconditionFailed',
    'InvalidAccessKeyId',
    'SignatureDoesNotMatch',
    'ExpiredToken',
]);
/** One S3 object read by byte ranges: the footer, then only the column chunks a scan needs. */
class S3Bytes {
    o;
    name;
    size;
    constructor(o) {
        this.o = o;
        this.name = `s3://${o.bucket}/${o.key}`;
        this.size = o.size;
    }
    async read(start, end) {
        for (let attempt = 1;; attempt++) {
            try {
                return await this.readOnce(start, end);
            }
            catch (e) {
                if (permanent(e) || this.o.signal?.aborted || attempt >= READ_ATTEMPTS) {
                    throw e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo ? e : this.explain(e);
                }
                await sleep(Math.random() * 50 * 2 ** attempt);
            }
        }
    }
    explain(e) {
        const code = codeOf(e);
        if (code === 'PreconditionFailed') {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${this.name}: the object changed while it was being read (its ETag no longer matches the listing); rerun once the writer has finished`, { file: this.name });
        }
        if (code === 'InvalidRange') {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${this.name}: the object is shorter than listed (${this.size} bytes); it is truncated or was replaced while being read`, { file: this.name });
        }
        if (code === 'NoSuchKey') {
            return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${this.name}: the object was deleted after it was listed; rerun`, {
                file: this.name,
            });
        }
        return this.o.explain(e, this.name);
    }
    async readOnce(start, end) {
        const res = await this.o.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_1__.GetObjectCommand({
            Bucket: this.o.bucket,
            Key: this.o.key,
            Range: `bytes=${start}-${end - 1}`,
            ...(this.o.etag ? { IfMatch: this.o.etag } : {}),
        }), this.o.signal ? { abortSignal: this.o.signal } : {});
        const body = res.Body;
        if (!body)
            throw new Error(`empty response for bytes ${start}-${end - 1}`);
        const bytes = await body.transformToByteArray();
        this.o.counter.requests++;
        this.o.counter.bytes += bytes.byteLength;
        if (bytes.byteLength !== end - start) {
            // A body cut short on the way: worth another try.
            throw new Error(`got ${bytes.byteLength} of ${end - start} bytes for ${start}-${end - 1}`);
        }
        return bytes;
    }
}
function codeOf(e) {
    const x = (e ?? {});
    const status = x.$metadata?.httpStatusCode;
    if (status === 412)
        return 'PreconditionFailed';
    if (status === 416)
        return 'InvalidRange';
    return x.Code ?? x.name ?? '';
}
function permanent(e) {
    if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo)
        return true;
    const status = e?.$metadata?.httpStatusCode;
    if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429)
        return true;
    return PERMANENT.has(codeOf(e));
}


/***/ }),

/***/ 6497:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   s3TableOpener: () => (/* binding */ s3TableOpener)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3711);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _s3_client_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(511);
/* harmony import */ var _parquet_bytes_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1821);
/* harmony import */ var _parquet_s3_bytes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7240);
/* harmony import */ var _s3_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(887);






const TABLE = /\.(csv|jsonl|ndjson|json)(\.gz)?$|\.(parquet|parq|pq)$/i;
function s3TableOpener(settings, env, signal) {
    let client;
    const s = { uri: 's3://unused', ...(settings ?? {}) };
    const endpoint = (0,_s3_client_js__WEBPACK_IMPORTED_MODULE_4__/* .customS3Endpoint */ .F)(s, env);
    const get = () => (client ??= new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.S3Client((0,_s3_js__WEBPACK_IMPORTED_MODULE_3__/* .s3ClientConfig */ .gW)(s, env)));
    return {
        close: () => client?.destroy(),
        async inputs(uri, field) {
            const { bucket, prefix } = (0,_s3_js__WEBPACK_IMPORTED_MODULE_3__/* .parseS3Uri */ .yc)(uri);
            const keys = [];
            let token;
            do {
                const page = await get()
                    .send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }), { abortSignal: signal })
                    .catch((e) => {
                    throw (0,_s3_js__WEBPACK_IMPORTED_MODULE_3__/* .s3Error */ .lH)(e, 'list', uri, bucket, endpoint);
                });
                for (const o of page.Contents ?? [])
                    if (o.Key && o.Size && TABLE.test(o.Key))
                        keys.push({ key: o.Key, size: o.Size, ...(o.ETag ? { etag: o.ETag } : {}) });
                token = page.IsTruncated ? page.NextContinuationToken : undefined;
            } while (token);
            if (keys.length === 0)
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${field}: no .csv, .json or .jsonl objects (optionally .gz) at ${uri}${endpoint ? ` (${endpoint})` : ''}, and no .parquet objects`);
            keys.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
            return keys.map(({ key, size, etag }) => ({
                name: `s3://${bucket}/${key}`,
                open: async () => {
                    const res = await get()
                        .send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_5__.GetObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal })
                        .catch((e) => {
                        throw (0,_s3_js__WEBPACK_IMPORTED_MODULE_3__/* .s3Error */ .lH)(e, 'get', `s3://${bucket}/${key}`, bucket, endpoint);
                    });
                    return res.Body;
                },
                bytes: () => new _parquet_s3_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .S3Bytes */ .g({
                    client: get(),
                    bucket,
                    key,
                    size,
                    ...(etag ? { etag } : {}),
                    counter: new _parquet_bytes_js__WEBPACK_IMPORTED_MODULE_1__/* .ByteCounter */ .P(),
                    ...(signal ? { signal } : {}),
                    explain: (e, where) => (0,_s3_js__WEBPACK_IMPORTED_MODULE_3__/* .s3Error */ .lH)(e, 'get', where, bucket, endpoint),
                }),
            }));
        },
    };
}


/***/ }),

/***/ 887:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createS3Source: () => (/* binding */ createS3Source),
/* harmony export */   gW: () => (/* binding */ s3ClientConfig),
/* harmony export */   lH: () => (/* binding */ s3Error),
/* harmony export */   yc: () => (/* binding */ parseS3Uri)
/* harmony export */ });
/* unused harmony exports metricsObjectFormat, S3Source */
/* harmony import */ var _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3711);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _s3_client_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(511);
/* harmony import */ var _config_duration_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7840);
/* harmony import */ var _parquet_bytes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1821);
/* harmony import */ var _parquet_s3_bytes_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7240);
/* harmony import */ var _rows_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(60);
/* harmony import */ var _scanned_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1119);
/* harmony import */ var _table_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3972);









function parseS3Uri(uri) {
    const m = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri.trim());
    if (!m || !m[1]) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`metrics.s3.uri: "${uri}" is not an S3 URI; use s3://bucket/prefix/`);
    }
    return { bucket: m[1], prefix: m[2] ?? '' };
}
/** Client settings: region from the config or AWS_REGION; path-style for custom endpoints. */
function s3ClientConfig(s, env) {
    const { region, ...address } = (0,_s3_client_js__WEBPACK_IMPORTED_MODULE_7__/* .s3Addressing */ .L)(s, env);
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
    const segments = key.split('/');
    // Spark's _SUCCESS and _temporary/, checksum and hidden files are not data.
    if (segments.some((s) => s.startsWith('_') || s.startsWith('.')))
        return undefined;
    const lower = key.toLowerCase();
    if (/\.(parquet|parq|pq)$/.test(lower))
        return 'parquet';
    const base = lower.replace(/\.gz$/, '');
    if (base.endsWith('.csv'))
        return 'csv';
    if (base.endsWith('.jsonl') || base.endsWith('.ndjson'))
        return 'jsonl';
    return configured;
}
/**
 * CSV or JSONL objects (gzip when the key ends .gz) under an S3 prefix, streamed line by line;
 * Parquet objects, read by byte ranges (footer, then the needed column chunks) and skipped
 * unread when their date partition lies outside the windows. An object is never held whole.
 */
class S3Source extends _scanned_js__WEBPACK_IMPORTED_MODULE_5__/* .ScannedSource */ .Y {
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
        const all = await this.keys;
        const parquet = all.filter((o) => o.format === 'parquet');
        if (parquet.length > 0)
            await this.scanParquet(parquet, sink);
        const text = all.filter((o) => o.format !== 'parquet');
        if (text.length === 0 && parquet.length > 0)
            return;
        const readers = [];
        for (const { key, format } of text) {
            const file = `s3://${this.loc.bucket}/${key}`;
            const reader = new _rows_js__WEBPACK_IMPORTED_MODULE_4__/* .RowReader */ .of({
                series: this.opts.series,
                timestampColumn: this.opts.timestampColumn ?? 'timestamp',
                file,
                notes: this.opts.notes,
            });
            readers.push(reader);
            const res = await this.call('get', file, () => this.opts.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_8__.GetObjectCommand({ Bucket: this.loc.bucket, Key: key }), {
                abortSignal: this.opts.signal,
            }));
            const body = res.Body;
            if (!body)
                continue;
            try {
                await (0,_table_js__WEBPACK_IMPORTED_MODULE_6__/* .readLines */ .Se)((0,_table_js__WEBPACK_IMPORTED_MODULE_6__/* .lines */ .Mn)(body, (0,_table_js__WEBPACK_IMPORTED_MODULE_6__/* .isGzip */ .bf)(key)), format, reader, sink, file);
            }
            catch (e) {
                if (e instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo)
                    throw e;
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: cannot read the object (${e.message}); is it ${(0,_table_js__WEBPACK_IMPORTED_MODULE_6__/* .isGzip */ .bf)(key) ? 'really gzip' : format}?`);
            }
            finally {
                body.destroy();
            }
        }
        (0,_rows_js__WEBPACK_IMPORTED_MODULE_4__/* .assertColumnsExist */ .jt)(readers, this.opts.uri);
    }
    async scanColumnar(sink) {
        this.keys ??= this.list();
        const all = await this.keys;
        if (all.length === 0 || all.some((o) => o.format !== 'parquet'))
            return false;
        await this.scanParquet(all, sink);
        return true;
    }
    async scanParquet(objects, sink) {
        const counter = new _parquet_bytes_js__WEBPACK_IMPORTED_MODULE_2__/* .ByteCounter */ .P();
        const prefix = this.loc.prefix;
        const listed = objects.map((o) => ({
            relative: o.key.startsWith(prefix) ? o.key.slice(prefix.length).replace(/^\/+/, '') : o.key,
            size: o.size,
            open: () => new _parquet_s3_bytes_js__WEBPACK_IMPORTED_MODULE_3__/* .S3Bytes */ .g({
                client: this.opts.client,
                bucket: this.loc.bucket,
                key: o.key,
                size: o.size,
                ...(o.etag ? { etag: o.etag } : {}),
                counter,
                ...(this.opts.signal ? { signal: this.opts.signal } : {}),
                explain: (e, where) => s3Error(e, 'get', where, this.loc.bucket, this.opts.endpoint),
            }),
        }));
        await this.scanParquetObjects(listed, sink, counter, {
            where: this.opts.uri,
            timestampColumn: this.opts.timestampColumn ?? 'timestamp',
            slackMs: this.opts.partitionSlackMs,
            logger: this.opts.logger,
            notes: this.opts.notes,
            concurrency: this.opts.concurrency ?? 8,
        });
    }
    async list() {
        const out = [];
        const skipped = [];
        let token;
        do {
            const page = await this.call('list', this.opts.uri, () => this.opts.client.send(new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_8__.ListObjectsV2Command({
                Bucket: this.loc.bucket,
                Prefix: this.loc.prefix,
                ContinuationToken: token,
            }), { abortSignal: this.opts.signal }));
            for (const o of page.Contents ?? []) {
                if (!o.Key || o.Size === 0)
                    continue;
                const format = metricsObjectFormat(o.Key, this.opts.format);
                if (format)
                    out.push({ key: o.Key, format, size: o.Size ?? 0, etag: o.ETag });
                else
                    skipped.push(o.Key);
            }
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        out.sort((a, b) => a.key.localeCompare(b.key));
        if (out.length === 0) {
            this.opts.notes.warn(`metrics: no .parquet, .csv or .jsonl objects (optionally .gz) under ${this.opts.uri}${skipped.length ? ` (skipped ${skipped.slice(0, 3).join(', ')}${skipped.length > 3 ? '…' : ''}; set metrics.s3.format to read them)` : ''}`);
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
function createS3Source(s, series, notes, env, signal, logger) {
    const cfg = s3ClientConfig(s, env);
    return new S3Source({
        uri: s.uri,
        format: s.format,
        timestampColumn: s.timestamp_column,
        ...(s.partition_slack !== undefined
            ? { partitionSlackMs: (0,_config_duration_js__WEBPACK_IMPORTED_MODULE_1__/* .parseDuration */ .E9)(s.partition_slack, 'metrics.s3.partition_slack') }
            : {}),
        ...(logger ? { logger } : {}),
        series,
        client: new _aws_sdk_client_s3__WEBPACK_IMPORTED_MODULE_8__.S3Client(cfg),
        endpoint: (0,_s3_client_js__WEBPACK_IMPORTED_MODULE_7__/* .customS3Endpoint */ .F)(s, env),
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
