export const id = 28;
export const ids = [28];
export const modules = {

/***/ 4028:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  S3Store: () => (/* binding */ S3Store),
  parseS3Uri: () => (/* reexport */ s3_location/* parseS3Uri */.y),
  partPayloadUnsigned: () => (/* reexport */ partPayloadUnsigned),
  s3ClientConfig: () => (/* reexport */ s3ClientConfig)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-s3/dist-cjs/index.js
var dist_cjs = __webpack_require__(3711);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: ./src/registry/config.ts
var config = __webpack_require__(5821);
// EXTERNAL MODULE: ./src/registry/hashing.ts
var hashing = __webpack_require__(7427);
// EXTERNAL MODULE: external "node:stream"
var external_node_stream_ = __webpack_require__(7075);
// EXTERNAL MODULE: ./src/s3/client.ts
var client = __webpack_require__(511);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/registry/types.ts
var types = __webpack_require__(234);
;// CONCATENATED MODULE: ./src/registry/s3-client.ts
/**
 * The S3 client as the registry's store uses it: settings from the config and environment,
 * unsigned part payloads over TLS, and the retry rules shared by reads and uploads.
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
/**
 * A part's bytes as a stream of 1 MiB slices (views, no copies). Over TLS a part written as one
 * buffer is encrypted in one go, and the ciphertext of every part in flight waits in memory
 * until its socket drains (about one part per connection); slices are encrypted as they go.
 */
function sliced(body, slice = 1024 * 1024) {
    const views = [];
    for (let at = 0; at < body.length; at += slice)
        views.push(body.subarray(at, at + slice));
    return external_node_stream_.Readable.from(views, { objectMode: false });
}
/** A client with the store's settings; parts go unsigned over TLS (partPayloadUnsigned). */
function createS3Client(settings, env) {
    const client = new dist_cjs.S3Client(s3ClientConfig(settings, env));
    client.middlewareStack.add((next, context) => async (args) => {
        const request = args.request;
        const algorithm = args.input.ChecksumAlgorithm;
        const command = context.commandName ?? '';
        if (request.headers && partPayloadUnsigned(command, request.protocol ?? '', algorithm)) {
            request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
            const body = request.body;
            if (body instanceof Uint8Array) {
                // A stream is not retried by the SDK: sendParts retries each part itself.
                request.headers['content-length'] = String(body.length);
                request.body = sliced(body);
            }
        }
        return next(args);
    }, { step: 'build', name: 'unsignedPartsOverTls' });
    return client;
}
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

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:stream/promises"
var external_node_stream_promises_ = __webpack_require__(6466);
;// CONCATENATED MODULE: ./src/registry/s3-files.ts
/**
 * Files between disk and S3. Files larger than one part go up as a multipart upload, each part
 * with a CRC32 the server verifies, then are checked against the CRC32s S3 keeps; memory stays
 * near partSize × (queueSize + 1) whatever the file size. Downloads stream into a temp file
 * beside the destination, hashed on the way.
 */










async function putFileMultipart(s, key, path, size, options = {}) {
    // S3 allows 10,000 parts: very large files get larger parts (and proportionally more memory).
    const partSize = Math.max(s.partSize, Math.ceil(size / 9_000));
    for (let attempt = 1;; attempt++) {
        const sums = new hashing/* PartChecksums */.q6();
        try {
            const etag = await multipart(s, key, path, size, partSize, sums, options);
            await verifyMultipart(s, key, size, sums);
            return { key, etag, size, sha256: sums.digest() };
        }
        catch (e) {
            if (s.signal?.aborted)
                throw e;
            // The upload may have completed with only its answer lost (a retried complete then finds
            // no upload, or, created only if absent, finds the object): if the object is there with
            // our size and checksums, these bytes are ours and it is done. Not for If-Match: a
            // replaced object cannot be told from the one it replaced by its checksums alone.
            const lostAnswer = !isPermanent(e) || e instanceof types/* PreconditionFailed */.O;
            if (lostAnswer && sums.bytes === size && !options.ifMatch) {
                const landed = await verifyMultipart(s, key, size, sums).then(() => true, () => false);
                if (landed) {
                    const etag = (await s.head(key))?.etag ?? '';
                    return { key, etag, size, sha256: sums.digest() };
                }
            }
            if (isPermanent(e) || attempt >= READ_ATTEMPTS)
                throw e;
            await sleep(Math.random() * 100 * 2 ** attempt);
        }
    }
}
/**
 * One multipart upload: parts read straight from the file into a few reused buffers (queueSize
 * in flight, one being read), each hashed once in order and sent with its CRC32, so the SDK
 * computes no checksum of its own and no part is copied or concatenated on the way.
 */
async function multipart(s, key, path, size, partSize, sums, options) {
    const target = { Bucket: s.bucket, Key: s.full(key) };
    let uploadId;
    try {
        const created = await s.client.send(new dist_cjs.CreateMultipartUploadCommand({
            ...target,
            // S3 checks each part against its CRC32 and keeps a composite checksum. Without one it
            // computes a whole-object CRC64NVME when the upload completes (moto does it in Python).
            ChecksumAlgorithm: 'CRC32',
            ...(options.contentType ? { ContentType: options.contentType } : {}),
        }), s.sendOptions());
        uploadId = created.UploadId;
        const parts = await sendParts(s, target, uploadId, path, size, partSize, sums);
        const done = await s.client.send(new dist_cjs.CompleteMultipartUploadCommand({
            ...target,
            UploadId: uploadId,
            MultipartUpload: { Parts: parts },
            // Evaluated when the upload completes (moto checks If-None-Match only).
            ...(options.ifNoneMatch ? { IfNoneMatch: options.ifNoneMatch } : {}),
            ...(options.ifMatch ? { IfMatch: options.ifMatch } : {}),
        }), s.sendOptions());
        return done.ETag ?? '';
    }
    catch (e) {
        if (uploadId !== undefined) {
            // No dangling parts: they are billed until aborted. A failed abort is left to the
            // bucket's lifecycle rule; the upload's own error is the one worth reporting.
            await s.client
                .send(new dist_cjs.AbortMultipartUploadCommand({ ...target, UploadId: uploadId }))
                .catch(() => undefined);
        }
        throw isPermanent(e) ? e : s.fail(e, 'put', key, options);
    }
}
async function sendParts(s, target, uploadId, path, size, partSize, sums) {
    const parts = [];
    const free = [];
    const inFlight = new Set();
    let failed;
    const fh = await (0,promises_.open)(path, 'r');
    try {
        const count = Math.max(1, Math.ceil(size / partSize));
        for (let n = 1; n <= count && !failed; n++) {
            while (inFlight.size >= s.queueSize)
                await Promise.race(inFlight);
            if (failed)
                break;
            const buffer = free.pop() ?? Buffer.allocUnsafe(partSize);
            const start = (n - 1) * partSize;
            const body = buffer.subarray(0, Math.min(partSize, size - start));
            await readFully(fh, body, start, path, size);
            const crc = sums.add(body);
            const part = new dist_cjs.UploadPartCommand({
                ...target,
                UploadId: uploadId,
                PartNumber: n,
                Body: body,
                ChecksumAlgorithm: 'CRC32',
                ChecksumCRC32: crc,
            });
            const sent = sendPart(s, part)
                .then((out) => void (parts[n - 1] = { PartNumber: n, ETag: out.ETag, ChecksumCRC32: crc }), (error) => void (failed ??= { error }))
                .finally(() => {
                inFlight.delete(sent);
                free.push(buffer);
            });
            inFlight.add(sent);
        }
        await Promise.all(inFlight);
        if (failed)
            throw failed.error;
        if ((await fh.stat()).size !== size) {
            throw permanent(new Error(`${path} changed while it was uploaded (it was ${size} bytes)`));
        }
        return parts;
    }
    finally {
        await Promise.allSettled(inFlight);
        await fh.close();
    }
}
/**
 * One part, tried again on a transient failure: over TLS its body goes as a stream, which the
 * SDK does not retry, and a failed part should not cost the whole upload.
 */
async function sendPart(s, part) {
    for (let attempt = 1;; attempt++) {
        try {
            return await s.client.send(part, s.sendOptions());
        }
        catch (e) {
            if (!isTransient(e) || s.signal?.aborted || attempt >= READ_ATTEMPTS)
                throw e;
            await sleep(Math.random() * 100 * 2 ** attempt);
        }
    }
}
async function readFully(fh, into, position, path, size) {
    for (let got = 0; got < into.length;) {
        const { bytesRead } = await fh.read(into, got, into.length - got, position + got);
        if (bytesRead === 0) {
            throw permanent(new Error(`${path} changed while it was uploaded (shorter than ${size} bytes)`));
        }
        got += bytesRead;
    }
}
/**
 * Checks a multipart object against the CRC32s computed while sending it: S3 keeps either
 * the composite (CRC32 of the parts' CRC32s, "-N" on AWS) or a full-object CRC32.
 */
async function verifyMultipart(s, key, size, crc) {
    const head = await s.retryRead(() => s.headFull(key));
    const stored = head?.crc32?.replace(/-\d+$/, '');
    const ok = head !== null &&
        head.info.size === size &&
        stored !== undefined &&
        (stored === crc.composite() || stored === crc.full());
    if (!ok) {
        throw new Error(`upload of ${s.uri(key)} did not verify: sent ${size} bytes CRC32 ${crc.composite()} (composite), store has ${head ? `${head.info.size} bytes CRC32 ${head.crc32 ?? 'none'}` : 'nothing'}`);
    }
}
async function getToFileOnce(s, key, dest) {
    const abs = (0,external_node_path_.resolve)(dest);
    await (0,promises_.mkdir)((0,external_node_path_.dirname)(abs), { recursive: true });
    const temp = (0,external_node_path_.join)((0,external_node_path_.dirname)(abs), `.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    const hasher = new hashing/* HashingStream */.$K();
    let length;
    try {
        let body;
        try {
            const out = await s.client.send(new dist_cjs.GetObjectCommand({ Bucket: s.bucket, Key: s.full(key) }), s.sendOptions());
            body = out.Body;
            length = out.ContentLength;
        }
        catch (e) {
            if (e.name === 'NoSuchKey') {
                throw permanent(new Error(`object not found: ${s.uri(key)}`));
            }
            throw s.fail(e, 'get', key);
        }
        await (0,external_node_stream_promises_.pipeline)(body, hasher, (0,external_node_fs_.createWriteStream)(temp));
        if (length !== undefined && hasher.bytes !== length) {
            throw new Error(`reading ${s.uri(key)}: got ${hasher.bytes} of ${length} bytes (body cut short)`);
        }
        await (0,promises_.rename)(temp, abs);
    }
    catch (e) {
        await (0,promises_.rm)(temp, { force: true });
        throw e;
    }
    return { size: hasher.bytes, sha256: hasher.digest() };
}

// EXTERNAL MODULE: ./src/registry/s3-location.ts
var s3_location = __webpack_require__(5521);
;// CONCATENATED MODULE: ./src/registry/s3-store.ts
/**
 * ObjectStore on an S3 bucket prefix. Small objects go up in one PutObject with their SHA-256
 * as the S3 checksum (the server verifies it); files larger than one part go up as a multipart
 * upload (s3-multipart.ts).
 */










const MiB = 1024 * 1024;
const CONDITIONAL_ATTEMPTS = 4;
class S3Store {
    location;
    signal;
    client;
    bucket;
    partSize;
    queueSize;
    constructor(location, settings, env = process.env, 
    /** Aborts in-flight requests and uploads (workflow cancelled). */
    signal) {
        this.location = location;
        this.signal = signal;
        this.client = createS3Client(settings, env);
        this.bucket = location.bucket;
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
        if (size > this.partSize)
            return putFileMultipart(this, key, path, size, options);
        const buf = await (0,promises_.readFile)(path);
        const out = await this.conditionalPut(key, buf, options);
        return { key, etag: out.etag, size: buf.length, sha256: out.sha256 };
    }
    async getToFile(key, dest) {
        return this.retryRead(() => getToFileOnce(this, key, dest));
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
