/**
 * Mermaid's own parser for the charts the action writes. Mermaid sanitises with DOMPurify,
 * which needs a DOM: a happy-dom window stands in for the browser (the screenshot test renders
 * the same blocks in Chromium).
 */
import { Window } from 'happy-dom';

type MermaidApi = { parse(text: string): Promise<unknown> };
let api: Promise<MermaidApi> | undefined;

async function load(): Promise<MermaidApi> {
  const g = globalThis as Record<string, unknown>;
  if (!g.window) {
    const w = new Window();
    g.window = w;
    g.document = w.document;
    for (const k of [
      'Element',
      'HTMLElement',
      'Node',
      'DocumentFragment',
      'NodeFilter',
      'DOMParser',
    ])
      g[k] ??= (w as unknown as Record<string, unknown>)[k];
  }
  const m = (await import('mermaid')) as unknown as { default: MermaidApi };
  return m.default;
}

/** The ```mermaid blocks of a Markdown text, in order. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n([\s\S]*?)\n```$/gm)].map((m) => m[1] as string);
}

/** Parses every Mermaid block; throws with the block and Mermaid's message on the first bad one. */
export async function parseMermaidBlocks(markdown: string): Promise<number> {
  const blocks = mermaidBlocks(markdown);
  if (!blocks.length) return 0;
  api ??= load();
  const mermaid = await api;
  for (const b of blocks) {
    try {
      await mermaid.parse(b);
    } catch (e) {
      throw new Error(`a Mermaid chart does not parse: ${(e as Error).message}\n${b}`, {
        cause: e,
      });
    }
  }
  return blocks.length;
}
