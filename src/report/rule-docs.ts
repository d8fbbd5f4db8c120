// Rule help that travels inside a report: the shipped doc's text, and public links instead of paths on the scanning machine.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageRoot, ruleDocMarkdown } from '../scan/package-info';

/** Used when the installed package.json names no repository (a fork, a stripped build). */
const DEFAULT_REPOSITORY = 'https://github.com/agent-risk/agent-risk-lint';
/** Doc links point at the default branch: a version tag may not be published, a branch always is. */
const DOC_BRANCH = 'main';

let repository: string | undefined;

/** The package's public repository (`repository` in package.json), as an https URL without `.git`. */
export function repositoryUrl(): string {
  if (repository !== undefined) return repository;
  let url = DEFAULT_REPOSITORY;
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
      repository?: unknown;
    };
    const field = manifest.repository;
    const written = typeof field === 'string' ? field : (field as { url?: unknown } | undefined)?.url;
    if (typeof written === 'string' && /^https:\/\/[^\s]+$/.test(written)) url = written;
  } catch {
    // An unreadable manifest keeps the default: the link is a convenience, the help text is in the report.
  }
  repository = url.replace(/\.git$/, '').replace(/\/$/, '');
  return repository;
}

/** The rule doc on the public repository, e.g. `…/blob/main/rules/unscoped-network.md`. */
export function ruleDocUrl(docPath: string): string {
  return `${repositoryUrl()}/blob/${DOC_BRANCH}/${docPath.split('/').map(encodeURIComponent).join('/')}`;
}

/** Relative links in a doc would resolve against wherever the report is opened; point them at the repository. */
function absoluteLinks(markdown: string, docPath: string): string {
  const folder = path.posix.dirname(docPath);
  return markdown.replace(/\]\(([^)\s#][^)\s]*)\)/g, (whole, target: string) => {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) return whole;
    return `](${ruleDocUrl(path.posix.normalize(path.posix.join(folder, target)))})`;
  });
}

/** The doc's Markdown without front matter, links made absolute; a one-line fallback when it is not shipped. */
export function ruleHelpMarkdown(docPath: string, description: string): string {
  const markdown = ruleDocMarkdown(docPath);
  return markdown === undefined
    ? `${description}\n\nSee [${docPath}](${ruleDocUrl(docPath)}).`
    : absoluteLinks(markdown, docPath);
}

/** A plain-text reading of Markdown for viewers without a renderer: no emphasis marks, links as `text (url)`. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/^#{1,6}\s+/gm, '')
    .replace(/\[([^\]]*)\]\(([^)\s]+)\)/g, '$1 ($2)')
    .replace(/\*\*([^*]+)\*\*/g, '$1')
    .replace(/^```[^\n]*$/gm, '');
}

/** Moves every heading outside code fences `by` levels down (at most to level 6). */
function demoteHeadings(markdown: string, by: number): string {
  let fenced = false;
  return markdown
    .split('\n')
    .map((line) => {
      if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
      const heading = fenced ? null : /^(#{1,6}) (.*)$/.exec(line);
      return heading ? `${'#'.repeat(Math.min(6, (heading[1] ?? '').length + by))} ${heading[2] ?? ''}` : line;
    })
    .join('\n');
}

/**
 * The parts of a doc a reviewer needs beside a finding (the lead paragraph, `Why it matters`, `How to
 * fix`), headings moved `by` levels down; the whole doc stays one link away.
 */
export function ruleDocDigest(docPath: string, description: string, by: number): string {
  const sections = ruleHelpMarkdown(docPath, description).split(/^(?=## )/m);
  const lead = (sections[0] ?? '').replace(/^# .*\n+/, '').trim();
  // The caller shows the description already; a lead that only repeats it is left out.
  const extra = lead === description ? '' : lead;
  const wanted = sections.filter((section) => /^## (Why it matters|How to fix)\s*$/.test(section.split('\n')[0] ?? ''));
  return [extra, ...wanted.map((section) => demoteHeadings(section.trim(), by))]
    .filter((part) => part !== '')
    .join('\n\n');
}
