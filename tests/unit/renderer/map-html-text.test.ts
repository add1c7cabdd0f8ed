/**
 * No HTML from data (issue #11 item 4). Leaflet renders a string given to bindTooltip,
 * bindPopup, setContent or a divIcon's `html` as HTML, and names from the platform (cameras,
 * areas, lines, points, call signs) reach them. The unit tests run without a DOM, so this proves
 * it in two parts: the escape turns a hostile name into text (nothing an HTML parser could take
 * for a tag or an attribute, and the same characters back when the references are read), and
 * every place in the renderer that hands Leaflet a string passes it through that escape.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../../renderer/map/html-text';

const hostile = [
  '<img src=x onerror=alert(1)>',
  '<a href="http://evil">x</a>',
  `钢山街 "'&<script>alert(1)</script>`,
];

/** What an HTML parser shows for text without tags: the character references read back. */
const asText = (html: string): string =>
  html.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));

describe('escapeHtml', () => {
  it('makes a hostile camera name text: no tag, no attribute quote, the same characters', () => {
    for (const name of hostile) {
      const html = escapeHtml(name);
      expect(html, name).not.toMatch(/[<>"']/);
      // Every & left starts one of our character references (no other entity can sneak in).
      expect(html.replace(/&#\d+;/g, ''), name).not.toContain('&');
      expect(asText(html)).toBe(name);
    }
    expect(escapeHtml('<img src=x onerror=alert(1)>')).toBe('&#60;img src=x onerror=alert(1)&#62;');
    expect(escapeHtml('钢山街与唐王山路口东')).toBe('钢山街与唐王山路口东');
  });
});

const rendererDir = join(__dirname, '../../../renderer');
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : /\.tsx?$/.test(e.name)
        ? [join(dir, e.name)]
        : [],
  );
}

/** Interpolations in HTML templates that are not text from data (numbers, our own glyphs). */
const safeInterpolations = new Set([
  'Math.round(unit.heading)',
  'glyph[unit.kind]',
  'colour',
  "kind === 'checkpoints' ? '卡' : '驻'",
]);

describe('Leaflet content in the renderer', () => {
  it('every string handed to Leaflet as content is escaped; no raw HTML sink is used', () => {
    const problems: string[] = [];
    let setters = 0;
    for (const file of sources(rendererDir)) {
      const text = readFileSync(file, 'utf8');
      const where = (index: number) =>
        `${relative(rendererDir, file)}:${text.slice(0, index).split('\n').length}`;
      // Leaflet's string-as-HTML setters: the content must be escapeHtml(…) or an element.
      const setter = /\.(bindTooltip|bindPopup|setContent|setTooltipContent|setPopupContent)\(\s*/g;
      for (const m of text.matchAll(setter)) {
        setters++;
        const arg = text.slice(m.index + m[0].length, m.index + m[0].length + 80);
        if (!/^escapeHtml\(/.test(arg) && !/^[\w.]+\.element\b/.test(arg)) {
          problems.push(`${where(m.index)}: ${m[1]}(${arg.split('\n')[0]}`);
        }
      }
      // The DOM's own HTML sinks: never.
      for (const m of text.matchAll(
        /\b(innerHTML|outerHTML|insertAdjacentHTML|dangerouslySetInnerHTML|document\.write)\b/g,
      )) {
        problems.push(`${where(m.index)}: ${m[1]}`);
      }
      // HTML built in a template (a divIcon's html): data only through escapeHtml.
      for (const tpl of text.matchAll(/`[^`]*<[a-z][^`]*`/g)) {
        for (const i of tpl[0].matchAll(/\$\{((?:[^{}]|\{[^{}]*\})*)\}/g)) {
          const expr = i[1]!.trim();
          if (!expr.startsWith('escapeHtml(') && !safeInterpolations.has(expr)) {
            problems.push(`${where(tpl.index + i.index)}: \${${expr}} in HTML`);
          }
        }
      }
    }
    expect(setters).toBeGreaterThanOrEqual(8); // the scan found the tooltips it is about
    expect(problems).toEqual([]);
  });
});
