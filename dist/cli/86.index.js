export const id = 86;
export const ids = [86];
export const modules = {

/***/ 3086:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S3Store: () => (/* binding */ S3Store),
  parseS3Uri: () => (/* reexport */ s3_location/* parseS3Uri */.y),
  partPayloadUnsigned: () => (/* binding */ partPayloadUnsigned),
  s3ClientConfig: () => (/* binding */ s3ClientConfig)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/lib-storage/dist-cjs/index.js
var lib_storage_dist_cjs = __webpack_require__(2358);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
// EXTERNAL MODULE: ./src/s3/client.ts
var client = __webpack_require__(511);
// EXTERNAL MODULE: ./src/registry/config.ts
var config = __webpack_require__(5821);
// EXTERNAL MODULE: ./src/registry/hashing.ts
var hashing = __webpack_require__(7427);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/registry/types.ts
var types = __webpack_require__(234);
;// CONCATENATED MODULE: ./src/registry/s3-errors.ts
/** Turns S3 service errors into one clear message (pure: tested with plain error shapes). */


/** The IAM permission each operation needs, named in access-denied messages. */
const permission = {
    get: 's3:GetObject',
    head: 's3:GetObject',
    put: 's3:PutObject',
    list: 's3:ListBucket',
    delete: 's3:DeleteObject',
};
function errorCode(err) {
    const e = (err ?? {});
    return { code: e.Code ?? e.name ?? 'Error', status: e.$metadata?.httpStatusCode };
}
/** Transient: worth retrying after a pause (the SDK retries most of these itself first). */
function isTransient(err) {
    const { code, status } = errorCode(err);
    return (code === 'ConditionalRequestConflict' ||
        status === 409 ||
        (status !== undefined && status >= 500) ||
        ['TimeoutError', 'RequestTimeout', 'ECONNRESET', 'EPIPE', 'ECONNREFUSED'].includes(code) ||
        err?.code === 'ECONNRESET');
}
/**
 * Maps an S3 error to what the registry acts on: PreconditionFailed for a failed condition,
 * a UserError naming the fix for credentials, missing buckets and denied permissions, or the
 * original error with the object's URI for anything else.
 */
function translateS3Error(err, op, where) {
    const { code, status } = errorCode(err);
    const msg = err?.message ?? String(err);
    if (code === 'PreconditionFailed' || status === 412)
        return new types/* PreconditionFailed */.O(where.key);
    // If-Match against an absent key: moto and AWS answer 404 NoSuchKey; the condition did not hold.
    if (where.conditional === 'if-match' && (code === 'NoSuchKey' || status === 404)) {
        return new types/* PreconditionFailed */.O(where.key);
    }
    if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'ExpiredToken', 'InvalidToken'].includes(code)) {
        return new errors/* UserError */.yo(`S3 rejected the credentials (${code}) for ${where.uri}: check AWS credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the role of the runner) and that they belong to the bucket's account`);
    }
    if (code === 'NoSuchBucket') {
        return new errors/* UserError */.yo(`S3 bucket "${where.bucket}" does not exist (${where.uri}): create it or fix publish.registry`);
    }
    if (code === 'AccessDenied' || code === 'Forbidden' || status === 403) {
        const need = op === 'put' && where.conditional === 'if-match'
            ? 's3:PutObject and s3:GetObject'
            : permission[op];
        return new errors/* UserError */.yo(`access denied to ${where.uri} (${code}): the credentials need ${need} on arn:aws:s3:::${where.bucket}${op === 'list' ? '' : '/*'}`);
    }
    if (code === 'PermanentRedirect' || code === 'AuthorizationHeaderMalformed' || status === 301) {
        return new errors/* UserError */.yo(`S3 bucket "${where.bucket}" is in another region (${code}): set publish.s3.region or AWS_REGION to the bucket's region`);
    }
    if (/Region is missing/i.test(msg)) {
        return new errors/* UserError */.yo('no AWS region: set publish.s3.region or AWS_REGION');
    }
    if (/Could not load credentials/i.test(msg) || code === 'CredentialsProviderError') {
        return new errors/* UserError */.yo(`no AWS credentials found for ${where.uri}: check AWS credentials (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or aws-actions/configure-aws-credentials)`);
    }
    return new Error(`S3 ${op} ${where.uri} failed: ${code}${status ? ` (HTTP ${status})` : ''}: ${msg}`, {
        cause: err,
    });
}

// EXTERNAL MODULE: ./src/registry/s3-location.ts
var s3_location = __webpack_require__(5521);
;// CONCATENATED MODULE: ./src/registry/s3-store.ts
/**
 * ObjectStore on an S3 bucket prefix. Small objects go up in one PutObject with their SHA-256
 * as the S3 checksum (the server verifies it); files larger than one part stream through a
 * hashing Transform into a lib-storage multipart Upload, each part with a CRC32 the server
 * verifies, so memory stays near partSize × (queueSize + 2) whatever the file size.
 */














/** S3 client settings from the config and environment (credentials: the SDK's default chain). */
function s3ClientConfig(settings, env) {
    const s = { ...config/* s3Defaults */.$N, ...settings };
    const { region, ...address } = (0,client/* s3Addressing */.L)(s, env);
    return {
        // No region anywhere: the SDK looks in the shared AWS config.
        ...(region ? { region } : {}),
        ...address,
        maxAttempts: s.max_attempts,
        // Each upload names its own checksum: SHA-256 for single requests, CRC32 for parts.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        // Downloads are verified against the manifest's SHA-256; the SDK's own check would trip
        // on servers whose multipart checksums lack the -N suffix (moto).
        responseChecksumValidation: 'WHEN_REQUIRED',
        // The SDK sends each request with this header on a fresh socket that is not kept alive: a
        // new connection (and TLS handshake) for every part, to save sending a part S3 would refuse.
        expectContinueHeader: false,
    };
}
/**
 * Whether a request may go with an unsigned payload: parts with their own checksum, over TLS.
 * The AWS CLI sends parts so; TLS guards the bytes, the server checks the part's CRC32, and the
 * SDK skips hashing every part a second time. Over plain HTTP the payload stays signed.
 */
function partPayloadUnsigned(command, protocol, checksumAlgorithm) {
    return command === 'UploadPartCommand' && protocol === 'https:' && Boolean(checksumAlgorithm);
}
const MiB = 1024 * 1024;
const CONDITIONAL_ATTEMPTS = 4;
/** Reads (and whole multipart uploads) retried after the SDK's own retries gave up. */
const READ_ATTEMPTS = 5;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Marks an error that a retry cannot change (a missing object, a file that changed). */
function permanent(e) {
    return Object.assign(e, { permanent: true });
}
const isPermanent = (e) => e instanceof errors/* UserError */.yo ||
    e instanceof types/* PreconditionFailed */.O ||
    e?.permanent === true;
class S3Store {
    location;
    signal;
    client;
    partSize;
    queueSize;
    constructor(location, settings, env = process.env, 
    /** Aborts in-flight requests and uploads (workflow cancelled). */
    signal) {
        this.location = location;
        this.signal = signal;
        this.client = new dist_cjs.S3Client(s3ClientConfig(settings, env));
        this.client.middlewareStack.add((next, context) => async (args) => {
            const request = args.request;
            const algorithm = args.input.ChecksumAlgorithm;
            const command = context.commandName ?? '';
            if (request.headers && partPayloadUnsigned(command, request.protocol ?? '', algorithm)) {
                request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
            }
            return next(args);
        }, { step: 'build', name: 'unsignedPartsOverTls' });
        this.partSize = (settings?.part_size_mb ?? config/* s3Defaults */.$N.part_size_mb) * MiB;
        this.queueSize = settings?.queue_size ?? config/* s3Defaults */.$N.queue_size;
    }
    sendOptions() {
        return this.signal ? { abortSignal: this.signal } : {};
    }
    full(key) {
        return this.location.prefix === '' ? key : `${this.location.prefix}/${key}`;
    }
    uri(key) {
        return `s3://${this.location.bucket}/${this.full(key)}`;
    }
    fail(err, op, key, options = {}) {
        return translateS3Error(err, op, {
            bucket: this.location.bucket,
            key,
            uri: this.uri(key),
            conditional: options.ifMatch ? 'if-match' : options.ifNoneMatch ? 'if-none-match' : undefined,
        });
    }
    /**
     * Retries a read that failed after the SDK returned: a body cut short or corrupted on the
     * way, a response lost. Reads change nothing, so any error but a refusal is worth retrying.
     */
    async retryRead(fn, attempts = READ_ATTEMPTS) {
        for (let attempt = 1;; attempt++) {
            try {
                return await fn();
            }
            catch (e) {
                if (isPermanent(e) || this.signal?.aborted || attempt >= attempts)
                    throw e;
                await sleep(Math.random() * 50 * 2 ** attempt);
            }
        }
    }
    async get(key) {
        return this.retryRead(() => this.getOnce(key));
    }
    /** One GetObject whose body is checked against its length and stored SHA-256. */
    async getOnce(key) {
        let out;
        try {
            out = await this.client.send(new dist_cjs.GetObjectCommand({
                Bucket: this.location.bucket,
                Key: this.full(key),
                ChecksumMode: 'ENABLED',
            }), this.sendOptions());
        }
        catch (e) {
            if (e.name === 'NoSuchKey')
                return null;
            throw this.fail(e, 'get', key);
        }
        let body;
        try {
            body = Buffer.from(await out.Body.transformToByteArray());
        }
        catch (e) {
            throw new Error(`reading ${this.uri(key)} failed: ${e.message}`, { cause: e });
        }
        if (out.ContentLength !== undefined && body.length !== out.ContentLength) {
            throw new Error(`reading ${this.uri(key)}: got ${body.length} of ${out.ContentLength} bytes (body cut short)`);
        }
        const etag = out.ETag ?? '';
        if (out.ChecksumSHA256 && !etag.includes('-') && out.ChecksumType !== 'COMPOSITE') {
            const got = (0,hashing/* sha256Hex */.fg)(body);
            if (got !== (0,hashing/* base64ToHex */.Qf)(out.ChecksumSHA256)) {
                throw new Error(`reading ${this.uri(key)}: body does not match its stored SHA-256`);
            }
        }
        return { body, etag };
    }
    async head(key) {
        return this.retryRead(async () => (await this.headFull(key))?.info ?? null);
    }
    async headFull(key) {
        try {
            const out = await this.client.send(new dist_cjs.HeadObjectCommand({
                Bucket: this.location.bucket,
                Key: this.full(key),
                ChecksumMode: 'ENABLED',
            }), this.sendOptions());
            const etag = out.ETag ?? '';
            // Only a whole-object SHA-256 compares with ours; multipart ones are composite (ETag "…-N").
            const whole = out.ChecksumSHA256 && !etag.includes('-') && out.ChecksumType !== 'COMPOSITE'
                ? (0,hashing/* base64ToHex */.Qf)(out.ChecksumSHA256)
                : undefined;
            return {
                info: { key, etag, size: out.ContentLength ?? 0, ...(whole ? { sha256: whole } : {}) },
                ...(out.ChecksumCRC32 ? { crc32: out.ChecksumCRC32 } : {}),
                ...(out.ChecksumType ? { checksumType: out.ChecksumType } : {}),
            };
        }
        catch (e) {
            const status = e.$metadata?.httpStatusCode;
            if (e.name === 'NotFound' || status === 404)
                return null;
            throw this.fail(e, 'head', key);
        }
    }
    async put(key, body, options = {}) {
        const buf = typeof body === 'string' ? Buffer.from(body) : body;
        const out = await this.conditionalPut(key, buf, options);
        return { key, etag: out.etag, size: buf.length };
    }
    /**
     * PutObject with its condition, retried on 409 and 5xx. A conditional write that fails may
     * have succeeded earlier: the response was lost and a retry (ours or the SDK's own) then
     * met its own object. If the stored bytes are ours, the write succeeded.
     */
    async conditionalPut(key, buf, options) {
        const sha256 = (0,hashing/* sha256Hex */.fg)(buf);
        const params = {
            Bucket: this.location.bucket,
            Key: this.full(key),
            Body: buf,
            // Both fields: the algorithm header makes the store keep the digest (moto needs it).
            ChecksumAlgorithm: 'SHA256',
            ChecksumSHA256: (0,hashing/* hexToBase64 */.OG)(sha256),
            ...(options.contentType ? { ContentType: options.contentType } : {}),
            ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
            ...(options.ifMatch ? { IfMatch: options.ifMatch } : {}),
        };
        for (let attempt = 1;; attempt++) {
            try {
                const out = await this.client.send(new dist_cjs.PutObjectCommand(params), this.sendOptions());
                return { etag: out.ETag ?? '', sha256 };
            }
            catch (e) {
                const err = this.fail(e, 'put', key, options);
                if (err instanceof types/* PreconditionFailed */.O) {
                    const cur = await this.get(key);
                    if (cur && cur.body.equals(buf))
                        return { etag: cur.etag, sha256 };
                }
                if (err instanceof types/* PreconditionFailed */.O ||
                    !isTransient(e) ||
                    attempt >= CONDITIONAL_ATTEMPTS) {
                    throw err;
                }
                await sleep(Math.random() * 200 * 2 ** attempt);
            }
        }
    }
    async putFile(key, path, options = {}) {
        const size = (await (0,promises_.stat)(path)).size;
        if (size <= this.partSize) {
            const buf = await (0,promises_.readFile)(path);
            const out = await this.conditionalPut(key, buf, options);
            return { key, etag: out.etag, size: buf.length, sha256: out.sha256 };
        }
        const partSize = Math.max(this.partSize, Math.ceil(size / 9_000));
        for (let attempt = 1;; attempt++) {
            const hasher = new hashing/* HashingStream */.$K();
            const crc = new hashing/* PartCrc32 */.nI(partSize);
            try {
                const etag = await this.multipart(key, path, partSize, hasher, crc, options);
                if (hasher.bytes !== size) {
                    throw permanent(new Error(`${path} changed while it was uploaded (${size} → ${hasher.bytes} bytes)`));
                }
                await this.verifyMultipart(key, size, crc);
                return { key, etag, size, sha256: hasher.digest() };
            }
            catch (e) {
                if (isPermanent(e) || this.signal?.aborted)
                    throw e;
                // The upload may have completed with only its answer lost (a retried complete then
                // finds no upload): if the object is there with our checksums, it is done.
                if (hasher.bytes === size && !options.ifMatch && !options.ifNoneMatch) {
                    const landed = await this.verifyMultipart(key, size, crc).then(() => true, () => false);
                    if (landed) {
                        const etag = (await this.head(key))?.etag ?? '';
                        return { key, etag, size, sha256: hasher.digest() };
                    }
                }
                if (attempt >= READ_ATTEMPTS)
                    throw e;
                await sleep(Math.random() * 100 * 2 ** attempt);
            }
        }
    }
    async multipart(key, path, partSize, hasher, crc, options) {
        const source = (0,external_node_fs_.createReadStream)(path, { highWaterMark: MiB });
        const flowing = (0,external_node_stream_promises_.pipeline)(source, crc, hasher);
        flowing.catch(() => undefined); // surfaced through Promise.all below; no unhandled rejection
        const upload = new lib_storage_dist_cjs/* Upload */._({
            client: this.client,
            params: {
                Bucket: this.location.bucket,
                Key: this.full(key),
                Body: hasher,
                // S3 checks each part against its CRC32 and keeps a composite checksum. Without one it
                // computes a whole-object CRC64NVME when the upload completes (moto does it in Python).
                ChecksumAlgorithm: 'CRC32',
                ...(options.contentType ? { ContentType: options.contentType } : {}),
                // lib-storage passes these on to CompleteMultipartUpload (moto ignores If-Match there).
                ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
                ...(options.ifMatch ? { IfMatch: options.ifMatch } : {}),
            },
            // S3 allows 10,000 parts: very large files get larger parts (and proportionally more memory).
            partSize,
            queueSize: this.queueSize,
            leavePartsOnError: false,
        });
        const cancel = () => void upload.abort();
        this.signal?.addEventListener('abort', cancel, { once: true });
        try {
            const [out] = await Promise.all([upload.done(), flowing]);
            return out.ETag ?? '';
        }
        catch (e) {
            hasher.destroy();
            throw this.fail(e, 'put', key, options);
        }
        finally {
            this.signal?.removeEventListener('abort', cancel);
        }
    }
    /**
     * Checks a multipart object against the CRC32s computed while streaming it: S3 keeps either
     * the composite (CRC32 of the parts' CRC32s, "-N" on AWS) or a full-object CRC32.
     */
    async verifyMultipart(key, size, crc) {
        const head = await this.retryRead(() => this.headFull(key));
        const stored = head?.crc32?.replace(/-\d+$/, '');
        const ok = head !== null &&
            head.info.size === size &&
            stored !== undefined &&
            (stored === crc.composite() || stored === crc.full());
        if (!ok) {
            throw new Error(`upload of ${this.uri(key)} did not verify: sent ${size} bytes CRC32 ${crc.composite()} (composite), store has ${head ? `${head.info.size} bytes CRC32 ${head.crc32 ?? 'none'}` : 'nothing'}`);
        }
    }
    async getToFile(key, dest) {
        return this.retryRead(() => this.getToFileOnce(key, dest));
    }
    async getToFileOnce(key, dest) {
        const abs = (0,external_node_path_.resolve)(dest);
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(abs), { recursive: true });
        const temp = (0,external_node_path_.join)((0,external_node_path_.dirname)(abs), `.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
        const hasher = new hashing/* HashingStream */.$K();
        let length;
        try {
            let body;
            try {
                const out = await this.client.send(new dist_cjs.GetObjectCommand({ Bucket: this.location.bucket, Key: this.full(key) }), this.sendOptions());
                body = out.Body;
                length = out.ContentLength;
            }
            catch (e) {
                if (e.name === 'NoSuchKey') {
                    throw permanent(new Error(`object not found: ${this.uri(key)}`));
                }
                throw this.fail(e, 'get', key);
            }
            await (0,external_node_stream_promises_.pipeline)(body, hasher, (0,external_node_fs_.createWriteStream)(temp));
            if (length !== undefined && hasher.bytes !== length) {
                throw new Error(`reading ${this.uri(key)}: got ${hasher.bytes} of ${length} bytes (body cut short)`);
            }
            await (0,promises_.rename)(temp, abs);
        }
        catch (e) {
            await (0,promises_.rm)(temp, { force: true });
            throw e;
        }
        return { size: hasher.bytes, sha256: hasher.digest() };
    }
    async list(prefix) {
        return this.retryRead(() => this.listOnce(prefix));
    }
    async listOnce(prefix) {
        const out = [];
        let token;
        const strip = this.location.prefix === '' ? 0 : this.location.prefix.length + 1;
        do {
            let page;
            try {
                page = await this.client.send(new dist_cjs.ListObjectsV2Command({
                    Bucket: this.location.bucket,
                    Prefix: this.full(prefix),
                    ContinuationToken: token,
                }), this.sendOptions());
            }
            catch (e) {
                throw this.fail(e, 'list', prefix);
            }
            for (const o of page.Contents ?? []) {
                if (!o.Key)
                    continue;
                out.push({ key: o.Key.slice(strip), etag: o.ETag ?? '', size: o.Size ?? 0 });
            }
            token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
        return out;
    }
    async delete(key) {
        // Deleting is idempotent: a retry after a lost answer deletes nothing more.
        return this.retryRead(() => this.deleteOnce(key));
    }
    async deleteOnce(key) {
        try {
            await this.client.send(new dist_cjs.DeleteObjectCommand({ Bucket: this.location.bucket, Key: this.full(key) }), this.sendOptions());
        }
        catch (e) {
            throw this.fail(e, 'delete', key);
        }
    }
    async close() {
        this.client.destroy();
    }
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
