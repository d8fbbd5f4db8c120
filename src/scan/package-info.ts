// Locates the installed package so the CLI can name its version and read the rule docs it ships.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rulesDirectory } from '../engine/catalog/rules-dir';

/** The folder holding this package's package.json: the parent of the rules/ folder the engine finds. */
export function packageRoot(): string {
  return path.dirname(rulesDirectory());
}

export function packageVersion(): string {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** Absolute path of a rule doc given the engine's package-relative `docPath`. */
export function docFile(docPath: string): string {
  return path.join(packageRoot(), docPath);
}

/** The rule doc's markdown without its front matter, or undefined when the doc is not shipped. */
export function ruleDocMarkdown(docPath: string): string | undefined {
  try {
    const text = fs.readFileSync(docFile(docPath), 'utf8');
    return text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, '').trim();
  } catch {
    return undefined;
  }
}
