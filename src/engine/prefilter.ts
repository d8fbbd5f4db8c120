// A text test that says whether a file can hold a tool definition at all, so the rest are never parsed.
// It is safe by construction: every way the recogniser finds a tool needs one of these words spelled
// out in the file (a callee, base class, decorator or method name from the catalog, or the keys of a
// generic tool-shaped object), and a suppression directive needs its keyword.
import type * as TS from 'typescript';
import type { Catalogs } from './catalog/load';
import type { PathToken } from './catalog/access-path';
import type { ResolvedConfig } from './types';
import { TOOL_CALL_WORDS } from './tools/forms/model-tool-calls';
import { spellsEndpointDeclaration } from './tools/forms/options-factory';
import { curriedRegistrationTest } from './tools/forms/curried-registration';
import { spellsToolWords } from './prefilter-syntax';

export interface Prefilter {
  mayHoldTools(text: string): boolean;
  /**
   * The second stage, for a text `mayHoldTools` kept: the same signals on TypeScript's tree of it, where
   * words in comments do not count (prefilter-syntax.ts).
   */
  mayHoldToolsIn(ts: typeof TS, sourceFile: TS.SourceFile, text: string): boolean;
}

const cache = new WeakMap<Catalogs, Map<string, Prefilter>>();

export function prefilterFor(catalogs: Catalogs, config: ResolvedConfig): Prefilter {
  const key = config.toolFactories.map((factory) => factory.name).join('\u0000');
  let perConfig = cache.get(catalogs);
  if (!perConfig) {
    perConfig = new Map();
    cache.set(catalogs, perConfig);
  }
  const cached = perConfig.get(key);
  if (cached) return cached;
  const { words, genericKeys, genericSuffixes } = prefilterSignals(catalogs, config);
  const anyWord = codeWordPattern(words);
  const spellsGeneric = genericObjectTest(genericKeys, genericSuffixes);
  const spellsCurriedRegistration = curriedRegistrationTest([
    ...catalogs.genericObject.schemaKeys,
    ...catalogs.genericObject.curriedSchemaKeys,
  ]);
  const syntax = {
    words: new Set(words),
    wordPattern: anyWord,
    genericKeys: genericKeys.map((group) => new Set(group)),
    genericSuffixes,
  };
  const filter: Prefilter = {
    mayHoldToolsIn(ts: typeof TS, sourceFile: TS.SourceFile, text: string): boolean {
      if (text.includes(DIRECTIVE_WORD) || spellsEndpointDeclaration(text) || spellsCurriedRegistration(text))
        return true;
      return spellsToolWords(ts, sourceFile, syntax, mayHaveOutsideHandler(text));
    },
    mayHoldTools(text: string): boolean {
      if (text.includes(DIRECTIVE_WORD)) return true;
      return (
        anyWord.test(text) || spellsGeneric(text) || spellsEndpointDeclaration(text) || spellsCurriedRegistration(text)
      );
    },
  };
  perConfig.set(key, filter);
  return filter;
}

export const DIRECTIVE_WORD = 'agent-risk-disable';

/** An object literal closed and followed by a function argument: `{ name, … }, async (input) =>`. */
const SIBLING_HANDLER = /\}\s*,\s*(?:async\b\s*)?(?:\(|function\b|[A-Za-z_$][\w$]*\s*=>)/;
/**
 * A declaration constant and a function both exported, which another module may pair
 * (`createToolPlugin(runTool, handleRun)`, tools/forms/paired-declaration.ts): two tests, never one pattern
 * spanning the file, so a long text costs two linear scans.
 */
const EXPORTED_OBJECT = /\bexport\s+const\s+[\w$]+\s*=\s*\{|\bexports\.[\w$]+\s*=\s*\{/;
const EXPORTED_FUNCTION =
  /\bexport\s+(?:async\s+function\b|function\b|const\s+[\w$]+\s*=\s*(?:async\b\s*)?(?:\(|function\b|[\w$]+\s*=>))/;
/** The CommonJS forms: `exports.handleRun = async (args) =>`, or a declared function exported by name (`exports.handleRun = handleRun;`). */
const EXPORTED_COMMONJS_FUNCTION =
  /\bexports\.[\w$]+\s*=\s*(?:(?:async\b\s*)?(?:\(|function\b|[\w$]+\s*=>)|[\w$]+\s*;)/;

/**
 * A function written as a member's value with a parameter (`resolver: async ({ input }) =>`): a handler under a key
 * no catalog lists, which tools/forms/shaped-handler.ts reads by its shape (a superset of what it accepts).
 */
const MEMBER_FUNCTION =
  /[\w$]\s*:\s*(?:async\b\s*)?(?:function\b\s*\*?\s*[\w$]*\s*)?(?:<[^>]*>\s*)?\(\s*[{\w$]|[\w$]\s*:\s*(?:async\s+)?[\w$]+\s*=>/;

/** Whether a handler may sit beside the declaration rather than under one of its keys. */
function mayHaveOutsideHandler(text: string): boolean {
  return (
    SIBLING_HANDLER.test(text) ||
    MEMBER_FUNCTION.test(text) ||
    (EXPORTED_OBJECT.test(text) && (EXPORTED_FUNCTION.test(text) || EXPORTED_COMMONJS_FUNCTION.test(text)))
  );
}

/**
 * The text test for a generic tool object: every kind of key written as a key. The handler may instead be
 * a function handed to the same call as the declaration (`…}, async (x) =>`). Shared with the bench's
 * prefilter report, so its per-word mirror cannot drift from the engine.
 */
export function genericObjectTest(
  genericKeys: string[][],
  genericSuffixes: string[][] = [],
): (text: string) => boolean {
  const keys = genericKeys.map((group, index) => keyPattern(group, genericSuffixes[index]));
  const handlerKeys = keys[keys.length - 1];
  return (text) =>
    keys.slice(0, -1).every((pattern) => pattern.test(text)) &&
    (handlerKeys === undefined || handlerKeys.test(text) || mayHaveOutsideHandler(text));
}

export interface PrefilterSignals {
  /** Names a tool declaration must spell as code. */
  words: string[];
  /** For generic tool objects: one list per kind of key, each of which must appear as a key. */
  genericKeys: string[][];
  /** Per kind of key, the last words of a class member's camelCase name that also count (`argsShape`). */
  genericSuffixes: string[][];
}

/** What the prefilter looks for, derived from the tools catalog and the configured factories. */
export function prefilterSignals(catalogs: Catalogs, config: ResolvedConfig): PrefilterSignals {
  const words = new Set<string>();
  for (const form of catalogs.forms) {
    // Every member of the callee, base class or decorator path is spelled in the source (imports,
    // destructuring, `ns.member`), so the longest one, the rarest, is enough.
    for (const path of [form.callee, form.extends, form.decorator]) {
      const names = longestMembers(path);
      for (const word of names ?? []) words.add(word);
    }
    for (const word of form.methods) words.add(word);
    // A class that extends a project class (`SendMail extends MailBase extends Tool`) need not spell the
    // framework's base class, but it spells the handler method it defines (`_call`); names that generic
    // objects use everywhere (`execute`) would let most files through, so they are left out.
    if (form.kind === 'class') for (const word of handlerMethods(form.handler, catalogs)) words.add(word);
  }
  for (const factory of config.toolFactories) words.add(factory.name);
  // Agent loops that dispatch a model's tool calls themselves spell the APIs' field names.
  for (const word of TOOL_CALL_WORDS) words.add(word);
  const generic = catalogs.genericObject;
  // A generic tool object spells all four kinds of key as keys: `key:`, `key,` (shorthand), `key(` (method).
  // An entry of a name -> tool map is named by its key: a strict schema key stands in for the name. A
  // toolkit's neutral definition (`{ name, schema, handler }`) is described elsewhere: its schema key stands in
  // for the description.
  return {
    words: [...words],
    genericKeys: [
      [...generic.nameKeys, ...generic.keyedSchemaKeys, ...generic.kindNameKeys],
      [...generic.descriptionKeys, ...generic.schemaDescriptionMethods, ...generic.undescribedSchemaKeys],
      [...generic.schemaKeys, ...generic.actionMarkKeys],
      generic.handlerKeys,
    ],
    genericSuffixes: [[], [], generic.classSchemaSuffixes, []],
  };
}

function handlerMethods(path: PathToken[], catalogs: Catalogs): string[] {
  const common = new Set(catalogs.genericObject.handlerKeys);
  return path.flatMap((token) => (token.kind === 'Method' ? token.names.filter((name) => !common.has(name)) : []));
}

/** The names of the path's member token with the longest names (`FunctionTool` rather than `from`). */
function longestMembers(path: PathToken[]): string[] | undefined {
  let best: string[] | undefined;
  let bestLength = 0;
  for (const token of path) {
    if (token.kind !== 'Member' || token.names.length === 0) continue;
    const length = Math.min(...token.names.map((name) => name.length));
    if (length > bestLength) {
      best = token.names;
      bestLength = length;
    }
  }
  return best;
}

function escapeWords(words: string[]): string {
  return words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/**
 * A word used as code, not prose: not followed on the same line by another word (`tool that…`),
 * except a keyword that can follow an identifier (`tool as t`, `Tool implements X`). `tool(`, `{ tool }`, `tool<T>(`, `= tool;` and `tool` at the end of
 * a line all match.
 */
export function codeWordPattern(words: string[]): RegExp {
  return new RegExp(
    `\\b(?:${escapeWords(words)})\\b(?![ \\t]+(?!(?:as|implements|satisfies|extends|instanceof|in|of)\\b)[A-Za-z_$])`,
  );
}

/**
 * A property key as written in an object literal (bare, quoted or computed, then `:`, `,`, `}` or `(`), or a
 * member a class sets on its instances (`this.name = …` in a constructor, a `name = …` field).
 */
export function keyPattern(words: string[], suffixes: readonly string[] = []): RegExp {
  const alternatives = escapeWords(words);
  // A class member named by a suffix (`this.argsShape =`, `protected paramsSchema =`), never a key of an object.
  const suffixed = suffixes.length === 0 ? '' : `[a-z][\\w$]*(?:${escapeWords([...suffixes])})`;
  const members = suffixed === '' ? alternatives : `${alternatives}|${suffixed}`;
  return new RegExp(
    `\\b(?:${alternatives})['"\\]]*\\s*[:,}(]|\\bthis\\.(?:${members})\\s*=[^=]|^[ \\t]*(?:(?:public|protected|private|readonly|override)[ \\t]+)*(?:${members})[ \\t]*=[^=]`,
    'm',
  );
}
