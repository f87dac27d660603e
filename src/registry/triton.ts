/**
 * Triton model-repository hand-off: numeric version folders `<repo>/<model>/<n>/…` and a
 * `config.pbtxt` whose `version_policy: { specific: { versions: [n] } }` names the served
 * version. The policy is written last, so a poller never loads a half-uploaded folder.
 */

/** Replaces (or appends) the top-level version_policy of a config.pbtxt; keeps everything else. */
export function setVersionPolicy(pbtxt: string, versions: number[]): string {
  const policy = `version_policy: { specific: { versions: [${versions.join(', ')}] } }`;
  const span = findTopLevelField(pbtxt, 'version_policy');
  if (!span) {
    const sep = pbtxt === '' || pbtxt.endsWith('\n') ? '' : '\n';
    return `${pbtxt}${sep}${policy}\n`;
  }
  return pbtxt.slice(0, span.start) + policy + pbtxt.slice(span.end);
}

/** The versions of a `specific` policy, or null when the policy is absent or not specific. */
export function specificVersions(pbtxt: string): number[] | null {
  const span = findTopLevelField(pbtxt, 'version_policy');
  if (!span) return null;
  const m = /specific\s*:?\s*\{\s*versions\s*:\s*\[([^\]]*)\]/.exec(
    pbtxt.slice(span.start, span.end),
  );
  if (!m) return null;
  return (m[1] as string)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
}

/** A fresh config.pbtxt for a model folder that has none (the backend fills in the rest). */
export function minimalConfig(modelName: string, version: number): string {
  return `name: "${modelName}"\n${setVersionPolicy('', [version])}`;
}

/** Start/end of `field: { … }` (or `field { … }`) at brace depth 0, skipping strings and comments. */
function findTopLevelField(text: string, field: string): { start: number; end: number } | null {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (depth === 0 && text.startsWith(field, i) && !/[A-Za-z0-9_]/.test(text[i - 1] ?? ' ')) {
      const after = /^\s*:?\s*\{/.exec(text.slice(i + field.length));
      if (!after) continue;
      let j = i + field.length + after[0].length;
      for (let d = 1; j < text.length && d > 0; j++) {
        if (text[j] === '{') d++;
        else if (text[j] === '}') d--;
      }
      return { start: i, end: j };
    }
  }
  return null;
}
