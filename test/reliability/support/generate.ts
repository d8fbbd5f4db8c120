// Builds hostile inputs at run time (deep nesting, megabyte bundles, thousands of tools) so none is committed.

export const TOOL_IMPORTS = `import { tool } from 'ai';\nimport { z } from 'zod';\n`;

/**
 * An AI SDK tool whose handler runs `body` with the model-controlled `url` in scope. Bodies reach one
 * `fetch(` call, so the unscoped-network finding sits at `text.lastIndexOf('fetch(')`.
 */
export function toolWith(body: string, name = 'fetchPage'): string {
  return `export const ${name} = tool({
  description: 'Fetch a page for the user',
  inputSchema: z.object({ url: z.string() }),
  execute: async ({ url }) => {
    ${body}
  },
});
`;
}

export function toolFile(body: string): string {
  return TOOL_IMPORTS + toolWith(body);
}

/** Where the one sink of a generated tool file starts. */
export function sinkOffset(text: string): number {
  return text.lastIndexOf('fetch(');
}

const repeat = (text: string, count: number): string => text.repeat(count);

/** Handler bodies nesting an expression or a statement `depth` levels deep around the tainted value or the sink. */
export const NESTING: Record<string, (depth: number) => string> = {
  parentheses: (n) => `const target = ${repeat('(', n)}url${repeat(')', n)};\n    return fetch(target);`,
  'binary chain': (n) => `const target = url${repeat(" + ''", n)};\n    return fetch(target);`,
  'logical chain': (n) => `const target = url${repeat(' || url', n)};\n    return fetch(target);`,
  conditional: (n) => `const target = ${repeat('url ? ', n)}url${repeat(' : url', n)};\n    return fetch(target);`,
  'call arguments': (n) => `const target = ${repeat('String(', n)}url${repeat(')', n)};\n    return fetch(target);`,
  'member chain': (n) => `const target = url${repeat('.a', n)};\n    return fetch(target);`,
  'template literals': (n) => `const target = ${repeat('`${', n)}url${repeat('}`', n)};\n    return fetch(target);`,
  // An even count: the flag holds exactly when `url` is given (under an odd count the fetch runs only with an
  // empty or missing url, which names no host, so the engine rightly reports nothing).
  'unary operators': (n) => `const flag = ${repeat('!', n + (n % 2))}url;\n    return flag ? fetch(url) : null;`,
  'array literals': (n) => `const box = ${repeat('[', n)}url${repeat(']', n)};\n    void box;\n    return fetch(url);`,
  'object literals': (n) =>
    `const box = ${repeat('{ a: ', n)}url${repeat(' }', n)};\n    void box;\n    return fetch(url);`,
  'arrow functions': (n) => `const make = ${repeat('() => ', n)}url;\n    void make;\n    return fetch(url);`,
  'assignment chain': (n) => `let a = '';\n    const target = ${repeat('a = ', n)}url;\n    return fetch(target);`,
  blocks: (n) => `${repeat('{ ', n)}await fetch(url);${repeat(' }', n)}`,
  'if statements': (n) => `${repeat('if (url) ', n)}await fetch(url);`,
  'while loops': (n) => `${repeat('while (url) ', n)}{ await fetch(url); break; }`,
  'try statements': (n) => `${repeat('try { ', n)}await fetch(url);${repeat(' } finally {}', n)}`,
  'labelled statements': (n) => `${Array.from({ length: n }, (_, i) => `l${i}: `).join('')}await fetch(url);`,
  'nested functions': (n) => `${repeat('function inner() { ', n)}${repeat(' }', n)}\n    return fetch(url);`,
};

/** Statements nested outside any tool, at module level, before an ordinary tool. */
export function moduleLevelBlocks(depth: number): string {
  return `${TOOL_IMPORTS}${repeat('{ ', depth)}${repeat(' }', depth)}\n${toolWith('return fetch(url);')}`;
}

/**
 * A minified, single-line CommonJS bundle of about `bytes` bytes: many small functions, objects,
 * strings and regexps, with one risky tool at the very end of the line.
 */
export function minifiedBundle(bytes: number): string {
  const head = 'const{tool:tool}=require("ai"),{z:z}=require("zod");';
  const tail =
    'exports.fetchPage=tool({description:"Fetch a page",inputSchema:z.object({url:z.string()}),execute:async({url:u})=>fetch(u)});';
  const parts: string[] = [head];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const chunk =
      `var a${i}=function(n,t){return n+t*${i}},b${i}={k:"v${i}",n:[1,2,${i}],r:/x${i}+/g};` +
      `function c${i}(n){for(var t=0;t<n;t++)if(t%2)continue;return n?c${i}(n-1):a${i}(n,b${i}.n.length)}`;
    parts.push(chunk);
    size += chunk.length;
  }
  parts.push(tail);
  return parts.join('');
}

/** One file declaring `count` tools, each with one unscoped fetch and no audit hook. */
export function manyTools(count: number): string {
  const tools: string[] = [TOOL_IMPORTS];
  for (let i = 0; i < count; i++) {
    tools.push(
      `export const t${i} = tool({ description: 'Fetch ${i}', inputSchema: z.object({ url: z.string() }), execute: async ({ url }) => fetch(url) });\n`,
    );
  }
  return tools.join('');
}
