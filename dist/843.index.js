export const id = 843;
export const ids = [843];
export const modules = {

/***/ 3908:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   f: () => (/* binding */ PrefetchedRanges)
/* harmony export */ });
/**
 * The byte ranges of one row group, fetched ahead of decoding and then served to the decoder
 * from memory: a row group decoded in several slices is fetched once.
 */
class PrefetchedRanges {
    src;
    byteLength;
    parts = [];
    constructor(src) {
        this.src = src;
        this.byteLength = src.size;
    }
    static async fetch(src, ranges) {
        const out = new PrefetchedRanges(src);
        const got = await Promise.all(ranges.map((r) => src.read(r.startByte, r.endByte)));
        ranges.forEach((r, i) => out.parts.push({ start: r.startByte, end: r.endByte, bytes: got[i] }));
        return out;
    }
    get bytes() {
        return this.parts.reduce((n, p) => n + p.bytes.byteLength, 0);
    }
    slice(start, end = this.byteLength) {
        const p = this.parts.find((x) => x.start <= start && end <= x.end);
        if (!p)
            return this.src.read(start, end).then(toArrayBuffer);
        return toArrayBuffer(p.bytes.subarray(start - p.start, end - p.start));
    }
}
function toArrayBuffer(b) {
    if (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength)
        return b.buffer;
    return b.slice().buffer;
}


/***/ }),

/***/ 5267:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   v: () => (/* binding */ COMPRESSORS)
/* harmony export */ });
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8522);
/* harmony import */ var node_zlib__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_zlib__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var hyparquet_compressors__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(138);


const zstdNative = node_zlib__WEBPACK_IMPORTED_MODULE_0__.zstdDecompressSync;
const asBytes = (b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
/**
 * Decompressors by Parquet codec: Node's own zlib where it has the codec (gzip, brotli, and
 * zstd from Node 22.15), the pure-JavaScript ones of hyparquet-compressors otherwise (snappy,
 * LZ4, and zstd on Node 20). Nothing native is loaded, so the bundle runs on any runner.
 */
const COMPRESSORS = {
    ...hyparquet_compressors__WEBPACK_IMPORTED_MODULE_1__/* .compressors */ .Vm,
    GZIP: ((input) => asBytes(node_zlib__WEBPACK_IMPORTED_MODULE_0__.gunzipSync(input))),
    BROTLI: ((input) => asBytes(node_zlib__WEBPACK_IMPORTED_MODULE_0__.brotliDecompressSync(input))),
    ...(zstdNative ? { ZSTD: ((input) => asBytes(zstdNative(input))) } : {}),
};


/***/ }),

/***/ 9966:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   JZ: () => (/* binding */ decodeTimes),
/* harmony export */   V3: () => (/* binding */ decodeCategories),
/* harmony export */   bU: () => (/* binding */ TIME_PARSERS),
/* harmony export */   tg: () => (/* binding */ countAbsurd),
/* harmony export */   vW: () => (/* binding */ decodeNumbers)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _rows_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(60);
/* harmony import */ var _timestamps_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8176);



/**
 * Parsers for Parquet's time types that give epoch milliseconds as plain numbers (fractions
 * kept for µs and ns), for decoded values and for row-group statistics alike.
 */
const TIME_PARSERS = {
    timestampFromMilliseconds: (v) => Number(v),
    timestampFromMicroseconds: (v) => Number(v) / 1e3,
    timestampFromNanoseconds: (v) => Number(v) / 1e6,
    dateFromDays: (d) => d * 86_400_000,
};
/** Timestamps as epoch ms; null is NaN (the row is counted and dropped by the reader). */
function decodeTimes(data, encoding, at) {
    const n = data.length;
    const out = new Float64Array(n);
    if (encoding === 'typed') {
        for (let i = 0; i < n; i++) {
            const v = data[i];
            out[i] = v === null || v === undefined ? NaN : v;
        }
        return out;
    }
    for (let i = 0; i < n; i++) {
        const v = data[i];
        if (v === null || v === undefined) {
            out[i] = NaN;
            continue;
        }
        const t = encoding === 'epoch' ? (0,_timestamps_js__WEBPACK_IMPORTED_MODULE_2__/* .epochToMs */ .Jj)(Number(v)) : (0,_timestamps_js__WEBPACK_IMPORTED_MODULE_2__/* .parseTimestamp */ .EH)(v);
        if (t === undefined || Number.isNaN(t)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${at.file}: row ${at.firstRow + i + 1}: timestamp ${JSON.stringify(String(v)).slice(0, 60)} in "${at.column}" is neither ISO-8601 (2026-01-31T12:00:00Z) nor epoch seconds/milliseconds`, { file: at.file });
        }
        out[i] = t;
    }
    return out;
}
/** Numbers as float64; null is NaN. `absurd` counts values beyond ±ABSURD_MAGNITUDE (NaN is missing, not absurd). */
function decodeNumbers(data, absurd) {
    const n = data.length;
    const out = data instanceof Float64Array ? data : new Float64Array(n);
    if (out !== data) {
        for (let i = 0; i < n; i++) {
            const v = data[i];
            out[i] =
                v === null || v === undefined ? NaN : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
        }
    }
    return countAbsurd(out, absurd);
}
/** Counts values beyond ±ABSURD_MAGNITUDE (NaN is missing, not absurd); returns `values`. */
function countAbsurd(values, absurd) {
    for (let i = 0; i < values.length; i++) {
        if (Math.abs(values[i]) > _rows_js__WEBPACK_IMPORTED_MODULE_1__/* .ABSURD_MAGNITUDE */ .Tr)
            absurd.count++;
    }
    return values;
}
/**
 * Categories as codes into a list of names: a dictionary-encoded column arrives as the same
 * few strings over and over, so each distinct value is trimmed and named once.
 */
function decodeCategories(data) {
    const n = data.length;
    const codes = new Int32Array(n);
    const categories = [];
    const byRaw = new Map();
    const byName = new Map();
    for (let i = 0; i < n; i++) {
        const v = data[i];
        let code = byRaw.get(v);
        if (code === undefined) {
            const name = v === null || v === undefined ? '' : (typeof v === 'string' ? v : String(v)).trim();
            if (name === '')
                code = -1;
            else {
                code = byName.get(name);
                if (code === undefined) {
                    code = categories.length;
                    categories.push(name);
                    byName.set(name, code);
                }
            }
            byRaw.set(v, code);
        }
        codes[i] = code;
    }
    return { codes, categories };
}


/***/ }),

/***/ 4963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ readFooter),
/* harmony export */   q: () => (/* binding */ corrupt)
/* harmony export */ });
/* harmony import */ var hyparquet__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6367);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _decode_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9966);



/** The first read from the end of an object: the footer of a log with tens of row groups fits. */
const TAIL_BYTES = 16 * 1024;
const MAGIC = 0x31524150; // "PAR1"
const ENCRYPTED = 0x45524150; // "PARE"
/**
 * Reads and parses the footer of one Parquet object with one or two range reads. A file that
 * is not Parquet, cut short or encrypted fails here with a message naming it.
 */
async function readFooter(src) {
    const name = src.name;
    if (src.size < 12) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${name}: not a Parquet file (${src.size} bytes; a Parquet file starts and ends with "PAR1")`, { file: name });
    }
    const tailStart = Math.max(0, src.size - TAIL_BYTES);
    const tail = await src.read(tailStart, src.size);
    const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
    const magic = view.getUint32(tail.byteLength - 4, true);
    if (magic === ENCRYPTED) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${name}: the file uses Parquet modular encryption, which is not supported; write the prediction log without encryption (S3 server-side encryption is fine)`, { file: name });
    }
    if (magic !== MAGIC) {
        const head = tailStart === 0 ? tail.subarray(0, 4) : await src.read(0, 4);
        const isParquet = new DataView(head.buffer, head.byteOffset, 4).getUint32(0, true) === MAGIC;
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(isParquet
            ? `${name}: the Parquet file is truncated or corrupt (it starts with "PAR1" but does not end with it; ${src.size} bytes); the writer may have been interrupted: re-export the file`
            : `${name}: not a Parquet file (it does not start or end with "PAR1"); metrics objects are read as Parquet when named .parquet or when the format is set to parquet`, { file: name });
    }
    const metaLength = view.getUint32(tail.byteLength - 8, true);
    if (metaLength + 12 > src.size) {
        throw corrupt(name, `its footer claims ${metaLength} bytes of metadata in a ${src.size}-byte file`);
    }
    let footer = tail;
    if (metaLength + 8 > tail.byteLength) {
        const start = src.size - metaLength - 8;
        const rest = await src.read(start, tailStart);
        footer = new Uint8Array(metaLength + 8);
        footer.set(rest);
        footer.set(tail, rest.byteLength);
    }
    try {
        const metadata = (0,hyparquet__WEBPACK_IMPORTED_MODULE_2__/* .parquetMetadata */ .m5)(footer, { parsers: _decode_js__WEBPACK_IMPORTED_MODULE_1__/* .TIME_PARSERS */ .bU, geoparquet: false });
        return { metadata, tail: { start: tailStart, bytes: tail } };
    }
    catch (e) {
        throw corrupt(name, e.message);
    }
}
function corrupt(name, why) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${name}: the Parquet file is corrupt or truncated (${why}); re-export it, or remove it from the prefix`, { file: name });
}


/***/ }),

/***/ 8843:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  describeScan: () => (/* binding */ describeScan),
  scanObjects: () => (/* binding */ scanObjects)
});

;// CONCATENATED MODULE: ./src/metrics/batches.ts
/**
 * The row-at-a-time sinks (window collectors, the "latest" probe) on top of batches: rows
 * outside the windows cost one comparison, wanted rows go through the same calls as CSV rows.
 */
class RowsFromBatches {
    sink;
    range;
    constructor(sink, range) {
        this.sink = sink;
        this.range = range;
    }
    wantsRange(start, end, exact) {
        return this.range ? this.range(start, end, exact) : true;
    }
    batch(b) {
        const { sink } = this;
        const numeric = Object.entries(b.numeric);
        const categorical = Object.entries(b.categorical);
        for (let i = 0; i < b.rows; i++) {
            const t = b.timestamps[i];
            if (Number.isNaN(t) || !sink.wants(t))
                continue;
            for (const [name, values] of numeric)
                sink.add(name, t, values[i]);
            for (const [name, c] of categorical) {
                const code = c.codes[i];
                sink.addLabel(name, t, code < 0 ? '' : c.categories[code]);
            }
        }
    }
}

;// CONCATENATED MODULE: ./src/metrics/partitions.ts
/**
 * The time span an object can hold, read from its path the way data lakes lay logs out:
 * Hive keys (`dt=2026-12-01/`, `date=`, `year=2026/month=12/day=01/`, `hour=05/`), Firehose
 * folders (`2026/12/01/05/`) and a date in the file name (`predictions-2026-12-01.parquet`).
 */
const DAY = 86_400_000;
const HOUR = 3_600_000;
const DATE_KEYS = new Set(['dt', 'date', 'day', 'ds', 'event_date', 'partition_date']);
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2})(?::\d{2}(?::\d{2})?)?)?$/;
/**
 * Span [start, end) of a key relative to the listed prefix; `none` when its path says nothing
 * about time; `bad` when a partition key holds something that is not a date (the object is
 * then read whole, never dropped).
 */
function partitionSpan(relativeKey) {
    const segments = relativeKey.split('/');
    const file = segments.pop() ?? '';
    const p = {};
    for (const seg of segments) {
        const eq = seg.indexOf('=');
        if (eq > 0) {
            const key = seg.slice(0, eq).toLowerCase();
            const value = decodeURIComponent(seg.slice(eq + 1));
            const bad = hiveKey(key, value, p);
            if (bad)
                return { kind: 'bad', segment: seg, why: bad };
        }
    }
    if (p.year === undefined)
        firehose(segments, p);
    if (p.year === undefined) {
        const m = /(?:^|[^0-9])(\d{4})-(\d{2})-(\d{2})(?:[T_ -]?(\d{2})(?=[^0-9]|$))?/.exec(file);
        if (m) {
            const got = dateParts(m[1], m[2], m[3], m[4]);
            if (got)
                Object.assign(p, got);
        }
    }
    return spanOf(p);
}
/** Applies one Hive key; returns why its value is unusable, or undefined. */
function hiveKey(key, value, p) {
    if (DATE_KEYS.has(key) && (key !== 'day' || value.length > 2)) {
        const m = ISO_DATE.exec(value) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(value);
        const got = m && dateParts(m[1], m[2], m[3], m[4]);
        if (!got)
            return `"${value}" is not a date (YYYY-MM-DD)`;
        Object.assign(p, got);
        return undefined;
    }
    const limits = {
        year: ['year', 1970, 9999],
        month: ['month', 1, 12],
        day: ['day', 1, 31],
        hour: ['hour', 0, 23],
    };
    const lim = limits[key];
    if (!lim)
        return undefined;
    const n = /^\d{1,4}$/.test(value) ? Number(value) : NaN;
    if (!(n >= lim[1] && n <= lim[2]))
        return `"${value}" is not a valid ${key} (${lim[1]}–${lim[2]})`;
    p[lim[0]] = n;
    return undefined;
}
/** Folders YYYY/MM/DD[/HH] anywhere in the path (Kinesis Firehose's default layout). */
function firehose(segments, p) {
    for (let i = 0; i + 2 < segments.length; i++) {
        const [y, m, d, h] = segments.slice(i, i + 4);
        if (!/^\d{4}$/.test(y ?? '') || !/^\d{2}$/.test(m ?? '') || !/^\d{2}$/.test(d ?? ''))
            continue;
        const got = dateParts(y, m, d, /^\d{2}$/.test(h ?? '') ? h : undefined);
        if (got)
            Object.assign(p, got);
        return;
    }
}
function dateParts(y, m, d, h) {
    const year = Number(y);
    const month = Number(m);
    const day = Number(d);
    const hour = h === undefined ? undefined : Number(h);
    if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31))
        return undefined;
    if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day)
        return undefined;
    if (hour !== undefined && !(hour >= 0 && hour <= 23))
        return undefined;
    return hour === undefined ? { year, month, day } : { year, month, day, hour };
}
function spanOf(p) {
    if (p.year === undefined)
        return { kind: 'none' };
    if (p.month === undefined) {
        return { kind: 'span', start: Date.UTC(p.year, 0, 1), end: Date.UTC(p.year + 1, 0, 1) };
    }
    if (p.day === undefined) {
        return {
            kind: 'span',
            start: Date.UTC(p.year, p.month - 1, 1),
            end: Date.UTC(p.year, p.month, 1),
        };
    }
    const day = Date.UTC(p.year, p.month - 1, p.day);
    if (new Date(day).getUTCDate() !== p.day) {
        return { kind: 'bad', segment: `${p.year}-${p.month}-${p.day}`, why: 'no such day' };
    }
    if (p.hour === undefined)
        return { kind: 'span', start: day, end: day + DAY };
    return { kind: 'span', start: day + p.hour * HOUR, end: day + (p.hour + 1) * HOUR };
}

// EXTERNAL MODULE: ./node_modules/hyparquet/src/plan.js
var src_plan = __webpack_require__(7010);
// EXTERNAL MODULE: ./node_modules/hyparquet/src/schema.js
var schema = __webpack_require__(8286);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/metrics/parquet/cache.ts
var cache = __webpack_require__(3908);
// EXTERNAL MODULE: ./src/metrics/parquet/rows-read.ts
var rows_read = __webpack_require__(3154);
// EXTERNAL MODULE: ./src/metrics/parquet/codecs.ts
var codecs = __webpack_require__(5267);
// EXTERNAL MODULE: ./node_modules/hyparquet/src/column.js
var column = __webpack_require__(6167);
// EXTERNAL MODULE: ./node_modules/hyparquet/src/datapage.js + 4 modules
var datapage = __webpack_require__(3002);
// EXTERNAL MODULE: ./node_modules/hyparquet/src/plain.js
var plain = __webpack_require__(4809);
// EXTERNAL MODULE: ./src/metrics/timestamps.ts
var timestamps = __webpack_require__(8176);
;// CONCATENATED MODULE: ./src/metrics/parquet/column.ts





const FAST_ENCODINGS = new Set([
    'PLAIN',
    'PLAIN_DICTIONARY',
    'RLE_DICTIONARY',
    'RLE',
    'BIT_PACKED',
]);
const utf8 = new TextDecoder();
/**
 * Whether a column can take the direct path: flat (no lists or structs), a plain physical type
 * without conversions (no decimals, unsigned or INT96), and the encodings every common writer
 * uses. Other columns go through hyparquet's general decoder.
 */
function fastEligible(md, schemaPath, target) {
    if (schemaPath.length !== 2)
        return false;
    const e = schemaPath[1]?.element;
    if (e.repetition_type === 'REPEATED')
        return false;
    if (!md.encodings.every((x) => FAST_ENCODINGS.has(x)))
        return false;
    const lt = e.logical_type;
    const plainNumber = !e.converted_type && (!lt || (lt.type === 'INTEGER' && lt.isSigned));
    if (target === 'codes') {
        const text = lt === undefined || lt.type === 'STRING';
        return e.type === 'BYTE_ARRAY' && text && (!e.converted_type || e.converted_type === 'UTF8');
    }
    if (target === 'time')
        return e.type === 'INT64' && lt?.type === 'TIMESTAMP';
    if (target === 'epoch')
        return (e.type === 'INT64' || e.type === 'DOUBLE') && plainNumber;
    return ((e.type === 'DOUBLE' || e.type === 'FLOAT' || e.type === 'INT32' || e.type === 'INT64') &&
        plainNumber);
}
/** out[at + i - lo] = dict[index[i]] for i in [lo, hi). */
function gather(out, at, index, lo, hi, dict) {
    for (let i = lo; i < hi; i++)
        out[at + i - lo] = dict[index[i]];
}
/** Milliseconds per unit of a TIMESTAMP column. */
function msPerUnit(e) {
    const lt = e.logical_type;
    if (lt?.type !== 'TIMESTAMP')
        return 1;
    return lt.unit === 'MILLIS' ? 1 : lt.unit === 'MICROS' ? 1e-3 : 1e-6;
}
/**
 * Decodes rows [from, to) (relative to the row group) of one flat column chunk straight into
 * its target: no per-row objects, dictionary codes kept as codes. Pages before `from` are
 * skipped without being decompressed; decoding stops once `to` is reached.
 */
function decodeFast(chunk, md, schemaPath, target, from, to, compressors) {
    const element = schemaPath[1]?.element;
    const maxDef = (0,schema/* getMaxDefinitionLevel */.mM)(schemaPath);
    const decoder = { type: md.type, element, schemaPath, codec: md.codec, compressors };
    const n = to - from;
    const numbers = target === 'codes' ? undefined : new Float64Array(n);
    const codes = target === 'codes' ? new Int32Array(n) : undefined;
    const categories = [];
    const byName = new Map();
    const codeOf = (name) => {
        const t = name.trim();
        if (t === '')
            return -1;
        let c = byName.get(t);
        if (c === undefined) {
            c = categories.length;
            categories.push(t);
            byName.set(t, c);
        }
        return c;
    };
    const scale = target === 'time' ? msPerUnit(element) : 1;
    const toNumber = (v) => {
        const x = typeof v === 'bigint' ? Number(v) : v;
        return target === 'time' ? x * scale : target === 'epoch' ? (0,timestamps/* epochToMs */.Jj)(x) : x;
    };
    let dictNumbers;
    let dictCodes;
    const reader = {
        view: new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength),
        offset: 0,
    };
    let row = 0;
    while (row < to && reader.offset < chunk.byteLength - 1) {
        const header = (0,column/* parquetHeader */.wK)(reader);
        const bytes = chunk.subarray(reader.offset, reader.offset + header.compressed_page_size);
        reader.offset += header.compressed_page_size;
        if (header.type === 'DICTIONARY_PAGE') {
            const page = (0,datapage/* decompressPage */.tC)(bytes, header.uncompressed_page_size, md.codec, compressors);
            const view = new DataView(page.buffer, page.byteOffset, page.byteLength);
            const count = header.dictionary_page_header?.num_values ?? 0;
            const dict = (0,plain/* readPlain */.r)({ view, offset: 0 }, md.type, count, element.type_length);
            if (codes)
                dictCodes = Int32Array.from(dict, (b) => codeOf(utf8.decode(b)));
            else
                dictNumbers = Float64Array.from(dict, toNumber);
            continue;
        }
        const v1 = header.data_page_header;
        const v2 = header.data_page_header_v2;
        const count = v1?.num_values ?? v2?.num_rows ?? 0;
        if (header.type !== 'DATA_PAGE' && header.type !== 'DATA_PAGE_V2')
            continue;
        if (row + count <= from) {
            row += count;
            continue;
        }
        let got;
        if (v1) {
            const page = (0,datapage/* decompressPage */.tC)(bytes, header.uncompressed_page_size, md.codec, compressors);
            const r = (0,datapage/* readDataPage */.kS)(page, v1, decoder);
            got = {
                definitionLevels: r.definitionLevels ?? [],
                dataPage: r.dataPage,
                encoding: v1.encoding,
            };
        }
        else {
            const r = (0,datapage/* readDataPageV2 */.uD)(bytes, header, decoder);
            got = {
                definitionLevels: r.definitionLevels ?? [],
                dataPage: r.dataPage,
                encoding: v2?.encoding ?? '',
            };
        }
        const defs = got.definitionLevels;
        const values = got.dataPage;
        const dictionary = got.encoding.endsWith('_DICTIONARY');
        // The page's rows [lo, hi) that fall in [from, to).
        const lo = Math.max(0, from - row);
        const hi = Math.min(count, to - row);
        const at = row + lo - from;
        if (defs.length === 0) {
            // No nulls in the page: value i is row i (the common case, done in tight loops).
            if (codes) {
                if (dictionary)
                    gather(codes, at, values, lo, hi, dictCodes);
                else
                    for (let i = lo; i < hi; i++)
                        codes[at + i - lo] = codeOf(utf8.decode(values[i]));
            }
            else if (numbers) {
                if (dictionary)
                    gather(numbers, at, values, lo, hi, dictNumbers);
                else if (values instanceof Float64Array && target === 'number')
                    numbers.set(values.subarray(lo, hi), at);
                else
                    for (let i = lo; i < hi; i++)
                        numbers[at + i - lo] = toNumber(values[i]);
            }
            row += count;
            continue;
        }
        let j = 0;
        for (let i = 0; i < count; i++, row++) {
            const present = defs[i] === maxDef;
            const k = row - from;
            if (k < 0 || k >= n) {
                if (present)
                    j++;
                continue;
            }
            if (!present) {
                if (numbers)
                    numbers[k] = NaN;
                else
                    codes[k] = -1;
                continue;
            }
            const v = values[j++];
            if (codes) {
                codes[k] = dictionary
                    ? dictCodes[v]
                    : codeOf(utf8.decode(v));
            }
            else if (numbers) {
                numbers[k] = dictionary
                    ? dictNumbers[v]
                    : toNumber(v);
            }
        }
    }
    if (row < to)
        throw new Error(`column ended after ${row} of ${to} rows`);
    return codes ? { codes, categories } : numbers;
}

// EXTERNAL MODULE: ./src/metrics/parquet/decode.ts
var decode = __webpack_require__(9966);
// EXTERNAL MODULE: ./src/metrics/parquet/footer.ts
var footer = __webpack_require__(4963);
;// CONCATENATED MODULE: ./src/metrics/parquet/groups.ts

/** Row groups with their time span and the bytes the projection reads from each. */
function describeGroups(metadata, projection) {
    const tsElement = metadata.schema.find((e) => e.name === projection.timestamp.column);
    const out = [];
    let start = 0;
    metadata.row_groups.forEach((rg, index) => {
        const rows = Number(rg.num_rows);
        out.push({
            index,
            start,
            rows,
            bytes: projectedBytes(rg, projection.columns),
            ...groups_spanOf(rg, projection, tsElement),
        });
        start += rows;
    });
    return out;
}
function projectedBytes(rg, columns) {
    let n = 0;
    for (const c of rg.columns) {
        const md = c.meta_data;
        if (md && columns.includes(md.path_in_schema[0]))
            n += Number(md.total_compressed_size);
    }
    return n;
}
/**
 * Min and max time of a row group. Text timestamps are not used: their order as strings is
 * not their order in time once zones or formats mix. INT96 statistics have no defined order.
 */
function groups_spanOf(rg, projection, element) {
    const { column, encoding } = projection.timestamp;
    if (encoding === 'string' || !element || element.type === 'INT96')
        return {};
    const chunk = rg.columns.find((c) => c.meta_data?.path_in_schema[0] === column);
    const st = chunk?.meta_data?.statistics;
    if (!st)
        return {};
    const lo = toMs(st.min_value ?? st.min, encoding);
    const hi = toMs(st.max_value ?? st.max, encoding);
    if (lo === undefined || hi === undefined || lo > hi)
        return {};
    return { span: { min: lo, max: hi } };
}
function toMs(v, encoding) {
    if (typeof v !== 'number' && typeof v !== 'bigint')
        return undefined;
    const n = Number(v);
    if (!Number.isFinite(n))
        return undefined;
    return encoding === 'epoch' ? (0,timestamps/* epochToMs */.Jj)(n) : n;
}

// EXTERNAL MODULE: ./src/metrics/parquet/schema.ts
var parquet_schema = __webpack_require__(9079);
;// CONCATENATED MODULE: ./src/metrics/parquet/reader.ts











const MiB = 1024 * 1024;
/** Each column once per target: numbers, times, or category codes. */
function planReads(metadata, projection) {
    const reads = new Map();
    const add = (column, target) => {
        reads.set(`${target}:${column}`, {
            column,
            target,
            schemaPath: (0,schema/* getSchemaPath */.Dy)(metadata.schema, [column]),
        });
    };
    const ts = projection.timestamp;
    add(ts.column, ts.encoding === 'epoch' ? 'epoch' : 'time');
    for (const { column } of projection.numeric)
        add(column, 'number');
    for (const { column } of projection.categorical)
        add(column, 'codes');
    return reads;
}
/**
 * Reads Parquet objects in the order given and hands their rows to `sink` in column batches.
 * Only the columns the series need are fetched, and only row groups whose time span (from
 * their statistics) can hold wanted rows. Footers and row groups are fetched `concurrency`
 * ahead while earlier ones decode; batches still reach the sink in file order.
 */
async function scanParquet(sources, opts, sink, tally) {
    const ahead = Math.max(1, opts.concurrency ?? 4);
    const footers = [];
    const inflight = [];
    let next = 0;
    const openAhead = () => {
        while (footers.length < ahead && next < sources.length) {
            footers.push(quiet(reader_open(sources[next++], opts, sink, tally)));
        }
    };
    const decodeOne = async () => {
        const { file, group, bytes } = await inflight.shift();
        await decodeGroup(file, group, bytes, opts, sink, tally);
        if (--file.pending === 0)
            await file.src.close?.();
    };
    try {
        openAhead();
        while (footers.length > 0) {
            const file = await footers.shift();
            openAhead();
            if (file.pending === 0)
                await file.src.close?.();
            for (const group of file.wanted) {
                inflight.push(quiet(fetchGroup(file, group).then((bytes) => ({ file, group, bytes }))));
                while (inflight.length >= ahead)
                    await decodeOne();
            }
        }
        while (inflight.length > 0)
            await decodeOne();
    }
    finally {
        await Promise.allSettled(sources.map((s) => s.close?.()));
    }
}
/** Attaches a no-op handler so a failure awaited later is not reported as unhandled. */
function quiet(p) {
    p.catch(() => undefined);
    return p;
}
async function reader_open(src, opts, sink, tally) {
    const { metadata, tail } = await (0,footer/* readFooter */.A)(src);
    src = withTail(src, tail);
    tally.objectsOpened++;
    const projection = (0,parquet_schema/* resolveProjection */.cW)(metadata, opts.series, opts.timestampColumn, src.name);
    (0,parquet_schema/* assertCodecs */.G4)(metadata, projection.columns, src.name);
    const maxBytes = opts.maxGroupBytes ?? 1024 * MiB;
    const wanted = [];
    for (const g of describeGroups(metadata, projection)) {
        tally.rowGroups++;
        if (g.rows === 0)
            continue;
        if (g.span && !sink.wantsRange(g.span.min, g.span.max, true)) {
            tally.rowGroupsSkipped++;
            tally.rowsSkipped += g.rows;
            continue;
        }
        if (g.bytes > maxBytes) {
            throw new errors/* UserError */.yo(`${src.name}: row group ${g.index} holds ${Math.round(g.bytes / MiB)} MiB of compressed data in the columns read (${projection.columns.join(', ')}), more than the ${Math.round(maxBytes / MiB)} MiB read at once; rewrite the file with smaller row groups (pyarrow: row_group_size=1_000_000; Spark: parquet.block.size=134217728)`, { file: src.name });
        }
        wanted.push(g);
    }
    opts.progress?.tick();
    const reads = planReads(metadata, projection);
    return { src, metadata, projection, reads, wanted, pending: wanted.length };
}
/** Reads that fall inside the bytes already read with the footer are served from them. */
function withTail(src, tail) {
    return {
        name: src.name,
        size: src.size,
        read: (start, end) => start >= tail.start
            ? Promise.resolve(tail.bytes.subarray(start - tail.start, end - tail.start))
            : src.read(start, end),
        close: () => src.close?.() ?? Promise.resolve(),
    };
}
function fetchGroup(file, g) {
    const plan = (0,src_plan/* parquetPlan */.sF)({
        file: { byteLength: file.src.size, slice: () => new ArrayBuffer(0) },
        metadata: file.metadata,
        columns: file.projection.columns,
        rowStart: g.start,
        rowEnd: g.start + g.rows,
    });
    return cache/* PrefetchedRanges */.f.fetch(file.src, plan.fetches);
}
async function decodeGroup(file, g, bytes, opts, sink, tally) {
    const slice = Math.max(1, opts.sliceRows ?? 1 << 20);
    const end = g.start + g.rows;
    for (let s = g.start; s < end; s += slice) {
        const e = Math.min(end, s + slice);
        const columns = await readSlice(file, bytes, g, s, e, opts.general);
        const batch = toBatch(file, columns, s, tally);
        if (batch.rows > 0)
            sink.batch(batch);
        tally.rows += e - s;
        opts.progress?.tick();
    }
}
/**
 * The projected columns of rows [s, e), each exactly e - s values: flat columns of plain types
 * straight into typed arrays (decodeFast), the rest through hyparquet's general reader.
 */
async function readSlice(file, bytes, g, s, e, general = false) {
    const out = new Map();
    const rg = file.metadata.row_groups[g.index];
    const slow = new Set();
    try {
        for (const [key, r] of file.reads) {
            const md = rg?.columns.find((c) => c.meta_data?.path_in_schema[0] === r.column)?.meta_data;
            if (general || !md || !fastEligible(md, r.schemaPath, r.target)) {
                slow.add(r.column);
                continue;
            }
            const chunk = await chunkBytes(bytes, md);
            out.set(key, {
                fast: decodeFast(chunk, md, r.schemaPath, r.target, s - g.start, e - g.start, codecs/* COMPRESSORS */.v),
            });
        }
    }
    catch (err) {
        if (err instanceof errors/* UserError */.yo)
            throw err;
        throw (0,footer/* corrupt */.q)(file.src.name, `row group ${g.index}: ${err.message}`);
    }
    if (slow.size === 0)
        return out;
    const raw = await readSlow(file, bytes, [...slow], s, e, g.index);
    for (const [key, r] of file.reads) {
        if (!out.has(key))
            out.set(key, { raw: raw.get(r.column) });
    }
    return out;
}
/** The bytes of one column chunk (dictionary page first), from the prefetched ranges. */
async function chunkBytes(bytes, md) {
    const dict = md.dictionary_page_offset;
    const data = Number(md.data_page_offset);
    // Some writers set dictionary_page_offset to 0 when there is none.
    const start = dict && Number(dict) > 0 && Number(dict) < data ? Number(dict) : data;
    const end = start + Number(md.total_compressed_size);
    return new Uint8Array(await bytes.slice(start, end));
}
async function readSlow(file, bytes, columns, s, e, group) {
    let rows;
    try {
        rows = await (0,rows_read/* readRows */.a)(bytes, file.metadata, columns, s, e);
    }
    catch (err) {
        if (err instanceof errors/* UserError */.yo)
            throw err;
        throw (0,footer/* corrupt */.q)(file.src.name, `row group ${group}: ${err.message}`);
    }
    const out = new Map();
    for (const column of columns) {
        const joined = rows.get(column);
        if (joined.length !== e - s) {
            throw (0,footer/* corrupt */.q)(file.src.name, `row group ${group}: column "${column}" decoded to ${joined.length} of ${e - s} rows`);
        }
        out.set(column, joined);
    }
    return out;
}
function toBatch(file, columns, firstRow, tally) {
    const { projection, src } = file;
    const ts = projection.timestamp;
    const get = (target, column) => columns.get(`${target}:${column}`);
    const t = get(ts.encoding === 'epoch' ? 'epoch' : 'time', ts.column);
    const timestamps = 'fast' in t
        ? t.fast
        : (0,decode/* decodeTimes */.JZ)(t.raw, ts.encoding, { file: src.name, column: ts.column, firstRow });
    let batch = { rows: timestamps.length, timestamps, numeric: {}, categorical: {} };
    for (const { series, column } of projection.numeric) {
        const d = get('number', column);
        batch.numeric[series] =
            'fast' in d
                ? (0,decode/* countAbsurd */.tg)(d.fast, tally.absurd)
                : (0,decode/* decodeNumbers */.vW)(d.raw, tally.absurd);
    }
    for (const { series, column } of projection.categorical) {
        const d = get('codes', column);
        batch.categorical[series] =
            'fast' in d
                ? d.fast
                : (0,decode/* decodeCategories */.V3)(d.raw);
    }
    let nulls = 0;
    for (let i = 0; i < timestamps.length; i++)
        if (Number.isNaN(timestamps[i]))
            nulls++;
    if (nulls > 0) {
        tally.nullTimestamps += nulls;
        batch = withoutNullTimes(batch);
    }
    return batch;
}
/** The batch without its rows whose time is null. */
function withoutNullTimes(b) {
    const keep = [];
    for (let i = 0; i < b.rows; i++)
        if (!Number.isNaN(b.timestamps[i]))
            keep.push(i);
    const pick = (a) => {
        const out = new a.constructor(keep.length);
        keep.forEach((j, i) => (out[i] = a[j]));
        return out;
    };
    const out = {
        rows: keep.length,
        timestamps: pick(b.timestamps),
        numeric: {},
        categorical: {},
    };
    for (const [k, v] of Object.entries(b.numeric))
        out.numeric[k] = pick(v);
    for (const [k, v] of Object.entries(b.categorical))
        out.categorical[k] = { codes: pick(v.codes), categories: v.categories };
    return out;
}

;// CONCATENATED MODULE: ./src/metrics/parquet/tally.ts
/** What a scan read and skipped, for the log, the summary and the outputs. */
class ScanTally {
    /** Objects (files) listed that the scan would read if nothing were pruned. */
    objectsListed = 0;
    /** Objects skipped without a request: their partition lies outside every window. */
    objectsPruned = 0;
    /** Objects whose footer was read. */
    objectsOpened = 0;
    /** Total size of every listed object, and of the pruned ones. */
    bytesListed = 0;
    bytesPruned = 0;
    rowGroups = 0;
    rowGroupsSkipped = 0;
    /** Rows decoded, and rows in row groups skipped by their statistics. */
    rows = 0;
    rowsSkipped = 0;
    /** Rows without a timestamp (null): dropped and counted. */
    nullTimestamps = 0;
    /** Values beyond ±1e15 in numeric columns. */
    absurd = { count: 0 };
    /** Partition folders whose date could not be read (read whole, never skipped). */
    badPartitions = [];
}
/** Logs how far a long read has got, at most once every `everyMs`. */
class Progress {
    logger;
    tally;
    bytesRead;
    everyMs;
    now;
    last;
    constructor(logger, tally, bytesRead, everyMs = 5000, now = Date.now) {
        this.logger = logger;
        this.tally = tally;
        this.bytesRead = bytesRead;
        this.everyMs = everyMs;
        this.now = now;
        this.last = now();
    }
    tick() {
        const t = this.now();
        if (t - this.last < this.everyMs)
            return;
        this.last = t;
        const s = this.tally;
        const toRead = s.objectsListed - s.objectsPruned;
        this.logger.info(`metrics: read ${s.objectsOpened} of ${toRead} object(s), ${s.rows.toLocaleString('en-US')} row(s), ${formatBytes(this.bytesRead())} so far`);
    }
}
function formatBytes(n) {
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let v = n / 1024;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
    }
    return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

;// CONCATENATED MODULE: ./src/metrics/parquet/objects.ts




/** Whether a sink can say which time spans it wants (window collectors, the latest probe). */
function asBatchSink(sink) {
    if ('batch' in sink)
        return sink;
    return new RowsFromBatches(sink, sink.overlaps?.bind(sink));
}
/**
 * Reads the objects whose partition can hold rows the sink wants, skipping the rest unread,
 * and returns what was read and skipped. Objects are read in key order.
 */
async function scanObjects(objects, opts, sink) {
    const tally = new ScanTally();
    const batches = asBatchSink(sink);
    const slack = opts.slackMs ?? 0;
    const keep = [];
    for (const o of objects) {
        tally.objectsListed++;
        tally.bytesListed += o.size;
        const span = partitionSpan(o.relative);
        if (span.kind === 'bad') {
            tally.badPartitions.push(o.relative);
            opts.notes.warn(`${opts.where}: partition "${span.segment}" in ${o.relative}: ${span.why}; the object is read whatever its date. Fix the folder name, or move the object out of the prefix`);
        }
        else if (span.kind === 'span' &&
            // [start, end): a window that starts where the partition ends takes none of its rows
            !batches.wantsRange(span.start - slack, span.end + slack - 0.001, false)) {
            tally.objectsPruned++;
            tally.bytesPruned += o.size;
            continue;
        }
        keep.push(o);
    }
    const progress = new Progress(opts.logger, tally, () => opts.counter.bytes);
    await scanParquet(keep.map((o) => o.open()), {
        series: opts.series,
        timestampColumn: opts.timestampColumn,
        concurrency: opts.concurrency,
        sliceRows: opts.sliceRows,
        maxGroupBytes: opts.maxGroupBytes,
        progress,
    }, batches, tally);
    if (tally.nullTimestamps > 0) {
        opts.notes.warn(`${opts.where}: ${tally.nullTimestamps} row(s) have no timestamp (null in "${opts.timestampColumn}"); they belong to no window and were left out`);
    }
    if (tally.absurd.count > 0) {
        opts.notes.warn(`${opts.where}: ${tally.absurd.count} value(s) beyond ±1e15; such values swamp means and overflow sums. Is the unit or the column right?`);
    }
    return tally;
}
/** One line for the log and the summary: what was read and what was skipped. */
function describeScan(t, bytesRead) {
    const read = t.objectsListed - t.objectsPruned;
    const parts = [
        `opened ${read} of ${t.objectsListed} object(s) (${formatBytes(bytesRead)} fetched of ${formatBytes(t.bytesListed)})`,
    ];
    if (t.objectsPruned)
        parts.push(`${t.objectsPruned} skipped by partition date (${formatBytes(t.bytesPruned)})`);
    if (t.rowGroupsSkipped)
        parts.push(`${t.rowGroupsSkipped} of ${t.rowGroups} row group(s) skipped by their statistics`);
    parts.push(`${t.rows.toLocaleString('en-US')} row(s) decoded`);
    return parts.join('; ');
}


/***/ }),

/***/ 3154:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ readRows)
/* harmony export */ });
/* harmony import */ var hyparquet__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3141);
/* harmony import */ var _codecs_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5267);
/* harmony import */ var _decode_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9966);



/**
 * Rows [s, e) of `columns` through hyparquet's general reader (every encoding it knows), each
 * column joined from the pages it decoded: a page may start before s or end after e. A column
 * that decoded fewer rows comes back shorter; the caller names the file in its error.
 */
async function readRows(file, metadata, columns, s, e) {
    const parts = new Map();
    await (0,hyparquet__WEBPACK_IMPORTED_MODULE_2__/* .parquetRead */ .bA)({
        file,
        ...(metadata ? { metadata } : {}),
        columns,
        rowStart: s,
        rowEnd: e,
        compressors: _codecs_js__WEBPACK_IMPORTED_MODULE_0__/* .COMPRESSORS */ .v,
        parsers: _decode_js__WEBPACK_IMPORTED_MODULE_1__/* .TIME_PARSERS */ .bU,
        geoparquet: false,
        onChunk: (c) => {
            const list = parts.get(c.columnName) ?? [];
            list.push({ start: c.rowStart, data: c.columnData });
            parts.set(c.columnName, list);
        },
    });
    return new Map(columns.map((c) => [c, clip(parts.get(c) ?? [], s, e)]));
}
/** Joins decoded runs and keeps rows [s, e). */
function clip(runs, s, e) {
    runs.sort((a, b) => a.start - b.start);
    if (runs.length === 1) {
        const r = runs[0];
        if (r.start === s && r.data.length === e - s)
            return r.data;
    }
    const out = [];
    for (const r of runs) {
        const from = Math.max(0, s - r.start);
        const to = Math.min(r.data.length, e - r.start);
        for (let i = from; i < to; i++)
            out.push(r.data[i]);
    }
    return out;
}


/***/ }),

/***/ 9079:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G4: () => (/* binding */ assertCodecs),
/* harmony export */   cW: () => (/* binding */ resolveProjection),
/* harmony export */   l: () => (/* binding */ topLevelColumns),
/* harmony export */   nB: () => (/* binding */ SUPPORTED_CODECS)
/* harmony export */ });
/* unused harmony export typeName */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);

const SUPPORTED_CODECS = [
    'UNCOMPRESSED',
    'SNAPPY',
    'GZIP',
    'ZSTD',
    'BROTLI',
    'LZ4',
    'LZ4_RAW',
];
/** A readable name for a column's Parquet type: `INT64 (TIMESTAMP MICROS, UTC)`, `BYTE_ARRAY (STRING)`. */
function typeName(e) {
    const lt = e.logical_type;
    let logical;
    if (lt?.type === 'TIMESTAMP')
        logical = `TIMESTAMP ${lt.unit}${lt.isAdjustedToUTC ? ', UTC' : ''}`;
    else if (lt)
        logical = lt.type;
    else if (e.converted_type)
        logical = e.converted_type;
    return `${e.type ?? 'GROUP'}${logical ? ` (${logical})` : ''}`;
}
function isNumeric(e) {
    if (e.type === 'INT32' || e.type === 'INT64') {
        const lt = e.logical_type?.type;
        return lt !== 'DATE' && lt !== 'TIMESTAMP' && lt !== 'TIME' && e.converted_type !== 'DATE';
    }
    if (e.type === 'FIXED_LEN_BYTE_ARRAY')
        return e.converted_type === 'DECIMAL';
    if (e.type === 'BYTE_ARRAY')
        return e.converted_type === 'DECIMAL';
    return e.type === 'FLOAT' || e.type === 'DOUBLE' || e.type === 'BOOLEAN';
}
function isText(e) {
    return (e.type === 'BYTE_ARRAY' &&
        e.converted_type !== 'DECIMAL' &&
        e.converted_type !== 'JSON' &&
        e.logical_type?.type !== 'JSON');
}
function timeEncoding(e) {
    if (e.type === 'INT96')
        return 'typed';
    const lt = e.logical_type?.type;
    if (lt === 'TIMESTAMP' || lt === 'DATE' || e.converted_type === 'DATE')
        return 'typed';
    if (e.converted_type === 'TIMESTAMP_MILLIS' || e.converted_type === 'TIMESTAMP_MICROS')
        return 'typed';
    if (isText(e))
        return 'string';
    if (e.type === 'INT32' || e.type === 'INT64' || e.type === 'DOUBLE' || e.type === 'FLOAT')
        return 'epoch';
    return undefined;
}
/**
 * The columns the configured series need, checked against the file's schema: a missing column
 * or one whose type cannot hold what the config says is a configuration error naming both.
 */
function resolveProjection(metadata, series, timestampColumn, file) {
    const top = topLevelColumns(metadata);
    const names = [...top.keys()];
    const get = (column, what) => {
        const e = top.get(column);
        if (!e) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: no column "${column}" (${what}); the file has: ${names.join(', ') || 'no columns'}. Fix ${what === 'timestamp' ? 'metrics.file.timestamp_column (or metrics.s3.timestamp_column)' : `metrics.series[].column for "${what}"`} or the data`, { file });
        }
        if (e.num_children) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: column "${column}" is a nested group (struct, list or map); metrics are read from flat columns of numbers, text or timestamps`, { file });
        }
        return e;
    };
    const ts = get(timestampColumn, 'timestamp');
    const encoding = timeEncoding(ts);
    if (!encoding) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: timestamp column "${timestampColumn}" is ${typeName(ts)}; supported: Parquet TIMESTAMP (ms, µs, ns; UTC or not), DATE, INT96, integers or floats of epoch seconds/ms/µs/ns, or ISO-8601 text`, { file });
    }
    const out = {
        timestamp: { column: timestampColumn, encoding },
        numeric: [],
        categorical: [],
        columns: [timestampColumn],
    };
    for (const s of series) {
        const column = s.column ?? s.name;
        const e = get(column, s.name);
        if (s.categorical) {
            if (!isText(e) && !isNumeric(e)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: column "${column}" of categorical series "${s.name}" is ${typeName(e)}; categories are read from text (BYTE_ARRAY/STRING, dictionary-encoded or not), integer or boolean columns`, { file });
            }
            out.categorical.push({ series: s.name, column });
        }
        else {
            if (!isNumeric(e)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: column "${column}" of series "${s.name}" is ${typeName(e)}, not a number; numeric series read INT32, INT64, FLOAT, DOUBLE, DECIMAL or BOOLEAN columns. ${isText(e) ? `Mark the series categorical: true if it holds categories` : 'Point metrics.series[].column at a numeric column'}`, { file });
            }
            out.numeric.push({ series: s.name, column });
        }
        if (!out.columns.includes(column))
            out.columns.push(column);
    }
    return out;
}
/** Top-level schema elements by name (children of nested groups are skipped). */
function topLevelColumns(metadata) {
    const out = new Map();
    const schema = metadata.schema;
    let i = 1;
    const skip = (at) => {
        const e = schema[at];
        let next = at + 1;
        for (let c = 0; c < (e.num_children ?? 0); c++)
            next = skip(next);
        return next;
    };
    while (i < schema.length) {
        const e = schema[i];
        out.set(e.name, e);
        i = skip(i);
    }
    return out;
}
/** Codecs of the chunks to read, checked before a byte of data is fetched. */
function assertCodecs(metadata, columns, file) {
    for (const rg of metadata.row_groups) {
        for (const c of rg.columns) {
            const md = c.meta_data;
            if (!md || !columns.includes(md.path_in_schema[0]))
                continue;
            if (!SUPPORTED_CODECS.includes(md.codec)) {
                throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${file}: column "${md.path_in_schema.join('.')}" is compressed with ${md.codec}, which is not supported; supported: ${SUPPORTED_CODECS.join(', ')}. Rewrite the file with snappy or zstd (pyarrow: compression="zstd")`, { file });
            }
        }
    }
}


/***/ })

};
