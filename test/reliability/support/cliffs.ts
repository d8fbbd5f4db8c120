// Generated shapes that once made the analysis exponential or quadratic in the size of a file, each scaled by `n`.
import { TOOL_IMPORTS, toolWith } from './generate';

/** `String(String(url ? 1 : 2) ? 1 : 2) ...`: n conditionals, each one the test of the next (n = 15 is about 450 bytes). */
export function nestedConditionals(n: number): string {
  let expression = 'url';
  for (let i = 0; i < n; i++) expression = `String(${expression}) ? url : ''`;
  return TOOL_IMPORTS + toolWith(`const target = ${expression};\n    return fetch(target);`);
}

/** One value built from `origins` distinct members of the input, then read through a `links`-long member chain. */
export function originsThenChain(origins: number, links: number): string {
  const members = Array.from({ length: origins }, (_, i) => `url.m${i}`).join(', ');
  const chain = Array.from({ length: links }, (_, i) => `.l${i % 7}`).join('');
  return (
    TOOL_IMPORTS +
    toolWith(`const all = [${members}];\n    const target = all${chain};\n    return fetch(String(target));`)
  );
}

/**
 * `count` helper files whose functions call every other helper before reaching a sink, and a tool that
 * calls the first; keys are file names relative to one folder.
 */
export function mutualHelpers(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  const names = Array.from({ length: count }, (_, i) => `h${i}`);
  for (const name of names) {
    const imports = names
      .filter((other) => other !== name)
      .map((other) => `import { ${other} } from './${other}';`)
      .join('\n');
    const calls = names
      .filter((other) => other !== name)
      .map((other) => `    ${other}(target);`)
      .join('\n');
    files[`${name}.ts`] =
      `${imports}\nexport async function ${name}(target: string) {\n  if (target.length > 3) {\n${calls}\n  }\n  return fetch(target);\n}\n`;
  }
  files['tool.ts'] = `${TOOL_IMPORTS}import { h0 } from './h0';\n${toolWith('return h0(url);')}`;
  return files;
}

/** `count` tools in one file, each with a handler of `branches` guarded branches over a `links`-long member chain. */
export function scaledToolFile(count: number, branches: number, links: number): string {
  const chain = Array.from({ length: links }, (_, i) => `.p${i % 5}`).join('');
  const tools = Array.from({ length: count }, (_, t) => {
    const arms = Array.from(
      { length: branches },
      (_, b) => `if (url.k${b} === 'v${b}') { parts.push(url.k${b}${chain}); } else { parts.push('c${b}'); }`,
    ).join('\n    ');
    return toolWith(`const parts = [];\n    ${arms}\n    return fetch(parts.join('/'));`, `tool${t}`);
  });
  return TOOL_IMPORTS + tools.join('\n');
}

/** `count` helper files in a ring, each calling the next `fanOut` before its sink: the source grows linearly with count. */
export function helperRing(count: number, fanOut: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const next = Array.from({ length: fanOut }, (_, k) => `h${(i + k + 1) % count}`).filter((name) => name !== `h${i}`);
    const unique = [...new Set(next)];
    const imports = unique.map((name) => `import { ${name} } from './${name}';`).join('\n');
    const calls = unique.map((name) => `    ${name}(target);`).join('\n');
    files[`h${i}.ts`] =
      `${imports}\nexport async function h${i}(target: string) {\n  if (target.length > 3) {\n${calls}\n  }\n  return fetch(target);\n}\n`;
  }
  files['tool.ts'] = `${TOOL_IMPORTS}import { h0 } from './h0';\n${toolWith('return h0(url);')}`;
  return files;
}

/** The total size of a set of generated files. */
export function sizeOf(files: Record<string, string>): number {
  return Object.values(files).reduce((sum, text) => sum + text.length, 0);
}

/**
 * An MCP server whose CallTool handler hands the name to a function with one `switch` of `cases` cases:
 * each case is a tool, and each tool's analysis steps over the whole switch to find its own case.
 */
export function dispatcherCases(cases: number): string {
  // The first case fetches a URL the model chose, so each size has a finding to keep.
  const arms = Array.from({ length: cases }, (_, i) =>
    i === 0
      ? "    case 'op_0':\n      return fetch(args.url);"
      : `    case 'op_${i}':\n      return fetch(\`https://api.example.com/op/${i}/\${args.id}\`);`,
  ).join('\n');
  return [
    "import { Server } from '@modelcontextprotocol/sdk/server/index.js';",
    "import { CallToolRequestSchema } from '@modelcontextprotocol/sdk/types.js';",
    "const server = new Server({ name: 's', version: '1' }, { capabilities: { tools: {} } });",
    'async function run(name: string, args: any) {',
    '  switch (name) {',
    arms,
    '  }',
    '}',
    'server.setRequestHandler(CallToolRequestSchema, async (request) => {',
    '  const { name, arguments: args } = request.params;',
    "  if (name === 'ping') return { content: [] };",
    '  return run(name, args);',
    '});',
    '',
  ].join('\n');
}
