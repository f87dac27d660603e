import { Marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { codeSpan } from '../../src/text/code-span.js';
import { details } from '../../src/report/markdown.js';
import {
  escapeHtmlText,
  escapeInline,
  escapeMarkdown,
  escapeMarkdownWithCode,
} from '../../src/text/escape.js';

// GitHub-flavoured Markdown as a renderer sees it: what the escaped text turns into.
const gfm = new Marked({ gfm: true });
const html = (md: string) => gfm.parse(md) as string;
const text = (h: string) =>
  h
    .replace(/<[^>]+>/g, '')
    .replace(/&#8203;|\u200b/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .trim();

describe('escapeMarkdown / escapeInline', () => {
  it.each([
    ['an HTML tag', '<img src=x onerror=alert(1)>', /<img/],
    ['a link', '[click](https://evil.example)', /<a /],
    ['an image', '![x](https://evil.example/x.png)', /<img/],
    ['emphasis', '**bold** and _it_', /<(strong|em)>/],
    ['a code span', '`code`', /<code>/],
    ['strikethrough', '~~gone~~', /<del>/],
    ['a bare URL', 'see https://evil.example/x', /<a /],
    ['a www link', 'see www.evil.example', /<a /],
    ['a heading', '# Title', /<h1>/],
    ['a list', '- item', /<li>/],
    ['an ordered list', '1. item', /<li>/],
    ['a quote', '> quoted', /<blockquote>/],
    ['a table row', 'a | b\n--- | ---', /<table>/],
    ['a setext heading', 'Title\n===', /<h1>/],
  ])('%s stays text', (_what, input, forbidden) => {
    const out = html(escapeMarkdown(input));
    expect(out).not.toMatch(forbidden);
    // …and reads as it was written
    expect(text(out).replace(/\s+/g, ' ')).toBe(input.replace(/\s+/g, ' '));
  });

  it('keeps text readable: hyphens, parentheses, plus and equals mid-line are not escaped', () => {
    expect(escapeInline('Datadog Re-Warn (p=0.01) a+b')).toBe('Datadog Re-Warn (p=0.01) a+b');
  });

  it('stops @-mentions and #-references', () => {
    expect(escapeInline('@octo-team see #12')).toBe('@&#8203;octo-team see \\#12');
  });

  it('escapeInline is one line, also with Unicode line breaks', () => {
    expect(escapeInline('a\nb\r\nc\u2028d')).toBe('a b c d');
  });
});

describe('codeSpan', () => {
  it.each([
    ['plain', 'a/b.txt', '`a/b.txt`'],
    ['backticks inside', 'a`b', '``a`b``'],
    ['a leading backtick', '`x', '`` `x ``'],
    ['a pipe in a table', 'a|b', '`a\\|b`'],
    ['line breaks', 'a\nb', '`a b`'],
  ])('%s', (what, input, expected) => {
    expect(codeSpan(input, { table: what.includes('table') })).toBe(expected);
  });

  it('renders as code whatever is inside', () => {
    const out = html(`x ${codeSpan('<b>**x**</b> `y`')}`);
    expect(out).toContain('<code>');
    expect(out).not.toContain('<b>');
    expect(out).not.toContain('<strong>');
  });
});

describe('each context escaped for what it is', () => {
  it('a <summary> is HTML: entities, no Markdown backslashes; tags, mentions and links inert', () => {
    const md = details('Trigger: workflow_dispatch by @octo <img src=x> #12 *x*', 'body');
    const h = html(md);
    expect(h).toContain('<summary>Trigger: workflow_dispatch by @');
    expect(h).not.toContain('\\_');
    expect(h).not.toContain('<img');
    expect(h).toContain('*x*');
    expect(text(h.slice(h.indexOf('<summary>'), h.indexOf('</summary>')))).toBe(
      'Trigger: workflow_dispatch by @octo <img src=x> #12 *x*',
    );
    expect(escapeHtmlText("a@b #7 https://x.example '")).toBe(
      'a@&#8203;b #\u200b7 https:&#8203;//x.example &#39;',
    );
  });

  it('a message in Markdown keeps its `commands` as code spans and escapes the rest', () => {
    const msg =
      'install them with `python -m pip install nbclient`, or see <docs> **now** @team `unclosed';
    const h = html(escapeMarkdownWithCode(msg));
    expect(h).toContain('<code>python -m pip install nbclient</code>');
    expect(h).not.toContain('`python');
    expect(h).not.toMatch(/<(docs|strong)/);
    expect(text(h)).toBe(
      msg.replace(/`python -m pip install nbclient`/, 'python -m pip install nbclient'),
    );
    // Markup inside a span stays inert code; a span never crosses a line.
    expect(html(escapeMarkdownWithCode('`<b>x</b>` [a](https://e.example)'))).toContain(
      '<code>&lt;b&gt;x&lt;/b&gt;</code>',
    );
    expect(escapeMarkdownWithCode('a `b\nc` d')).toBe('a \\`b\nc\\` d');
  });
});
