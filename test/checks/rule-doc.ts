// Splits a rule doc (`rules/<id>.md`) into the parts the checks compare with the rule's metadata.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { repoRoot } from '../support/paths';

/** The H2 headings every rule doc has, in this order (house style, Part B). */
export const DOC_HEADINGS = [
  'What it detects',
  'Why it matters',
  'How to fix',
  'Examples',
  'Options',
  'Suppressing',
  'Guidance mapping',
  'Known limitations',
  'References',
] as const;
export const LEGAL_LINE = '> This rule is an engineering aid, not legal advice.';
export const OWASP_VERSION = 'OWASP Top 10 for Agentic Applications 2026';

export interface CodeBlock {
  /** The info string after the opening fence, e.g. `ts incorrect`. */
  info: string;
  code: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
  /** The H2 section the block sits in. */
  section: string | undefined;
}

export interface Section {
  heading: string;
  /** 1-based line of the heading. */
  line: number;
  /** The section's lines, code fences included, without the heading. */
  body: string;
}

export interface RuleDoc {
  /** The parsed YAML between the leading `---` lines; undefined when there is none. */
  frontMatter: unknown;
  /** Why the front matter could not be read, when it could not. */
  frontMatterError: string | undefined;
  /** Every H1 heading's text, in order. */
  titles: string[];
  /** The first paragraph after the first H1, its lines joined with single spaces. */
  firstParagraph: string | undefined;
  sections: Section[];
  codeBlocks: CodeBlock[];
  /** The last non-empty line of the file. */
  lastLine: string | undefined;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;

/** Reads and parses a rule doc by its repository-relative path, or undefined when the file does not exist. */
export function loadRuleDoc(docPath: string): RuleDoc | undefined {
  const file = path.join(repoRoot(), docPath);
  return fs.existsSync(file) ? parseRuleDoc(fs.readFileSync(file, 'utf8')) : undefined;
}

export function parseRuleDoc(text: string): RuleDoc {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const { frontMatter, frontMatterError, bodyStart } = readFrontMatter(lines);

  const titles: string[] = [];
  const sections: Section[] = [];
  const codeBlocks: CodeBlock[] = [];
  let firstParagraph: string[] | undefined;
  let paragraphState: 'before-title' | 'looking' | 'in' | 'done' = 'before-title';
  let fence: { marker: string; info: string; line: number; code: string[] } | undefined;
  let current: { heading: string; line: number; body: string[] } | undefined;

  for (let index = bodyStart; index < lines.length; index++) {
    const line = lines[index] ?? '';
    const lineNumber = index + 1;
    const fenceMatch = FENCE.exec(line);
    if (fence !== undefined) {
      // A closing fence uses the same character and is at least as long as the opening one.
      const closes =
        fenceMatch !== null &&
        fenceMatch[1]?.[0] === fence.marker[0] &&
        (fenceMatch[1]?.length ?? 0) >= fence.marker.length &&
        fenceMatch[2]?.trim() === '';
      if (closes) {
        codeBlocks.push({
          info: fence.info,
          code: `${fence.code.join('\n')}\n`,
          line: fence.line,
          section: current?.heading,
        });
        fence = undefined;
      } else {
        fence.code.push(line);
      }
      current?.body.push(line);
      continue;
    }
    if (fenceMatch !== null) {
      fence = { marker: fenceMatch[1] ?? '```', info: (fenceMatch[2] ?? '').trim(), line: lineNumber, code: [] };
      current?.body.push(line);
      if (paragraphState === 'in') paragraphState = 'done';
      continue;
    }
    const h1 = /^# (.*)$/.exec(line);
    const h2 = /^## (.*)$/.exec(line);
    if (h1 !== null) {
      titles.push((h1[1] ?? '').trim());
      if (paragraphState === 'before-title') paragraphState = 'looking';
      else if (paragraphState === 'in') paragraphState = 'done';
      continue;
    }
    if (h2 !== null) {
      if (current !== undefined) sections.push(closeSection(current));
      current = { heading: (h2[1] ?? '').trim(), line: lineNumber, body: [] };
      if (paragraphState !== 'before-title') paragraphState = 'done';
      continue;
    }
    current?.body.push(line);
    if (paragraphState === 'looking' && line.trim() !== '') {
      paragraphState = 'in';
      firstParagraph = [line.trim()];
    } else if (paragraphState === 'in') {
      if (line.trim() === '') paragraphState = 'done';
      else firstParagraph?.push(line.trim());
    }
  }
  if (current !== undefined) sections.push(closeSection(current));

  const nonEmpty = lines.filter((line) => line.trim() !== '');
  return {
    frontMatter,
    frontMatterError,
    titles,
    firstParagraph: firstParagraph?.join(' '),
    sections,
    codeBlocks,
    lastLine: nonEmpty[nonEmpty.length - 1]?.trim(),
  };
}

function closeSection(section: { heading: string; line: number; body: string[] }): Section {
  return { heading: section.heading, line: section.line, body: section.body.join('\n') };
}

function readFrontMatter(lines: string[]): {
  frontMatter: unknown;
  frontMatterError: string | undefined;
  bodyStart: number;
} {
  if (lines[0] !== '---') {
    return {
      frontMatter: undefined,
      frontMatterError: 'the file does not start with a `---` front matter block',
      bodyStart: 0,
    };
  }
  const end = lines.indexOf('---', 1);
  if (end === -1) {
    return { frontMatter: undefined, frontMatterError: 'the front matter has no closing `---` line', bodyStart: 0 };
  }
  const document = parseDocument(lines.slice(1, end).join('\n'));
  const firstError = document.errors[0];
  if (firstError !== undefined) {
    return {
      frontMatter: undefined,
      frontMatterError: `the front matter is not valid YAML: ${firstError.message}`,
      bodyStart: end + 1,
    };
  }
  return { frontMatter: document.toJS() as unknown, frontMatterError: undefined, bodyStart: end + 1 };
}
