// The editor grammar highlights exactly the suppression directive keywords the engine honours.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as engine from '../../src/engine/index';
import { repoRoot } from '../support/paths';

const root = repoRoot();
const syntaxesDir = path.join(root, 'syntaxes');
const grammarFiles = fs.existsSync(syntaxesDir)
  ? fs.readdirSync(syntaxesDir).filter((name) => name.endsWith('.json'))
  : [];

/** Spellings a user might try that the engine does not honour, unless it lists them among its keywords. */
const NEAR_MISSES = [
  'agent-risk-enable',
  'agent-risk-disable-line',
  'agent-risk-disable-next',
  'agent-risk-disable-file',
  'agent-risk-ignore',
];

/** Every `match`, `begin` and `end` pattern in a grammar that JavaScript can compile (TextMate uses Oniguruma). */
function patternsOf(node: unknown, found: RegExp[] = []): RegExp[] {
  if (Array.isArray(node)) {
    for (const item of node) patternsOf(item, found);
  } else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if ((key === 'match' || key === 'begin' || key === 'end') && typeof value === 'string') {
        try {
          found.push(new RegExp(value, 'dg'));
        } catch {
          // Oniguruma-only syntax; such a pattern cannot be checked here, and the keyword test fails if nothing else matches.
        }
      } else {
        patternsOf(value, found);
      }
    }
  }
  return found;
}

/** The texts the grammar would scope at the keyword's position in a directive comment: whole matches and capture groups. */
function highlightedAt(patterns: RegExp[], keyword: string): string[] {
  const prefix = '// ';
  const line = `${prefix}${keyword} unscoped-network -- a reason`;
  const texts: string[] = [];
  for (const pattern of patterns) {
    pattern.lastIndex = 0;
    for (const match of line.matchAll(pattern)) {
      match.indices?.forEach((span, index) => {
        if (span !== undefined && span[0] === prefix.length && match[index] !== undefined)
          texts.push(match[index] ?? '');
      });
    }
  }
  return texts;
}

describe('checks: grammar', () => {
  if (grammarFiles.length === 0) {
    it("syntaxes/*.json highlights the engine's directive keywords (pending: syntaxes/ has no grammar yet)");
    return;
  }

  it('syntaxes/*.json highlights every directive keyword of the engine, and no look-alike', () => {
    const keywords = (engine as Record<string, unknown>)['DIRECTIVE_KEYWORDS'];
    assert.ok(
      Array.isArray(keywords) && keywords.every((keyword) => typeof keyword === 'string'),
      'src/engine/index.ts must export DIRECTIVE_KEYWORDS (the directive words it honours) for this check.',
    );
    const patterns = grammarFiles.flatMap((name) =>
      patternsOf(JSON.parse(fs.readFileSync(path.join(syntaxesDir, name), 'utf8')) as unknown),
    );
    const missing = (keywords as string[]).filter((keyword) => !highlightedAt(patterns, keyword).includes(keyword));
    assert.deepEqual(
      missing,
      [],
      `No pattern in syntaxes/ (${grammarFiles.join(', ')}) scopes these engine keywords exactly.`,
    );
    const extra = NEAR_MISSES.filter((word) => !(keywords as string[]).includes(word)).filter((word) =>
      highlightedAt(patterns, word).some((text) => text.startsWith('agent-risk')),
    );
    assert.deepEqual(extra, [], 'syntaxes/ highlights these spellings, which the engine does not honour.');
  });
});
