// A text test that says whether a file can hold a tool definition at all, so the rest are never parsed.
// It is safe by construction: every way the recogniser finds a tool needs one of these words spelled
// out in the file (a callee, base class, decorator or method name from the catalog, or the keys of a
// generic tool-shaped object), and a suppression directive needs its keyword.
import type { Catalogs } from './catalog/load';
import type { PathToken } from './catalog/access-path';
import type { ResolvedConfig } from './types';

export interface Prefilter {
  mayHoldTools(text: string): boolean;
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
  const words = new Set<string>();
  for (const form of catalogs.forms) {
    // The last member of the callee, base class or decorator path is what the source must spell.
    for (const path of [form.callee, form.extends, form.decorator]) {
      const name = lastMember(path);
      if (name) name.forEach((word) => words.add(word));
    }
    form.methods.forEach((word) => words.add(word));
  }
  for (const factory of config.toolFactories) words.add(factory.name);
  const generic = catalogs.genericObject;
  const anyWord = wordPattern([...words]);
  const description = wordPattern(generic.descriptionKeys);
  const handler = wordPattern(generic.handlerKeys);
  const filter: Prefilter = {
    mayHoldTools(text: string): boolean {
      if (text.includes('agent-risk-disable')) return true;
      if (anyWord.test(text)) return true;
      return description.test(text) && handler.test(text);
    },
  };
  perConfig.set(key, filter);
  return filter;
}

function lastMember(path: PathToken[]): string[] | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const token = path[i] as PathToken;
    if (token.kind === 'Member') return token.names;
  }
  return undefined;
}

function wordPattern(words: string[]): RegExp {
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`\\b(?:${escaped.join('|')})\\b`);
}
