export const id = 516;
export const ids = [516];
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

/***/ 5516:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readParquetRecords: () => (/* binding */ readParquetRecords)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3916);
/* harmony import */ var _cache_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3908);
/* harmony import */ var _rows_read_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3154);
/* harmony import */ var _footer_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4963);
/* harmony import */ var _schema_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9079);





/** Rows decoded at once: a table's memory stays bounded whatever its row groups. */
const SLICE_ROWS = 65_536;
/**
 * The records of a Parquet table (a prediction log, its labels) for a RecordVisitor: only the
 * wanted columns are fetched, row group by row group. Timestamps arrive as epoch milliseconds,
 * 64-bit integers as numbers, text as strings, nulls as null. `line` is the row number.
 */
async function readParquetRecords(src, wanted, visit) {
    try {
        const { metadata } = await (0,_footer_js__WEBPACK_IMPORTED_MODULE_2__/* .readFooter */ .A)(src);
        const names = [...(0,_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .topLevelColumns */ .l)(metadata).keys()];
        visit.columns(names, 1);
        const columns = wanted.filter((w) => names.includes(w));
        for (const rg of metadata.row_groups) {
            for (const c of rg.columns) {
                const md = c.meta_data;
                if (md && columns.includes(md.path_in_schema[0])) {
                    if (!_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .SUPPORTED_CODECS */ .nB.includes(md.codec)) {
                        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(`${src.name}: column "${md.path_in_schema.join('.')}" is compressed with ${md.codec}, which is not supported; supported: ${_schema_js__WEBPACK_IMPORTED_MODULE_3__/* .SUPPORTED_CODECS */ .nB.join(', ')}`, { file: src.name });
                    }
                }
            }
        }
        const cells = new Array(wanted.length);
        const at = wanted.map((w) => columns.indexOf(w));
        let start = 0;
        for (const rg of metadata.row_groups) {
            const rows = Number(rg.num_rows);
            const file = await _cache_js__WEBPACK_IMPORTED_MODULE_4__/* .PrefetchedRanges */ .f.fetch(src, chunkRanges(rg.columns, columns));
            for (let s = start; s < start + rows; s += SLICE_ROWS) {
                const e = Math.min(start + rows, s + SLICE_ROWS);
                const data = await slice(file, metadata, columns, s, e);
                for (let i = 0; i < e - s; i++) {
                    for (let k = 0; k < wanted.length; k++) {
                        const col = at[k];
                        cells[k] = col < 0 ? undefined : cellOf(data[col][i]);
                    }
                    visit.row(cells, s + i + 1);
                }
            }
            start += rows;
        }
    }
    catch (err) {
        if (err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo)
            throw err;
        throw (0,_footer_js__WEBPACK_IMPORTED_MODULE_2__/* .corrupt */ .q)(src.name, err.message);
    }
}
function chunkRanges(chunks, columns) {
    const out = [];
    for (const c of chunks) {
        const md = c.meta_data;
        if (!md || !columns.includes(md.path_in_schema[0]))
            continue;
        const data = Number(md.data_page_offset);
        const dict = Number(md.dictionary_page_offset ?? 0);
        const startByte = dict > 0 && dict < data ? dict : data;
        out.push({ startByte, endByte: startByte + Number(md.total_compressed_size) });
    }
    return out;
}
async function slice(file, metadata, columns, s, e) {
    const rows = await (0,_rows_read_js__WEBPACK_IMPORTED_MODULE_1__/* .readRows */ .a)(file, metadata, columns, s, e);
    return columns.map((c) => {
        const out = rows.get(c);
        if (out.length !== e - s)
            throw new Error(`column "${c}" decoded to ${out.length} of ${e - s} rows`);
        return out;
    });
}
function cellOf(v) {
    if (v === null || v === undefined)
        return null;
    if (typeof v === 'bigint')
        return Number(v);
    if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
        return v;
    if (v instanceof Date)
        return v.getTime();
    return String(v);
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
