// A file the tool writes the model's text into and then hands to an interpreter (`writeFile(tmp, code)`, then
// `exec(\`python3 ${tmp}\`)`): the path is fixed, but the program runs what the model wrote.
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { unwrapExpression } from '../ast';
import type { SinkRow } from '../catalog/load';
import { programRuns } from './child-stdin';
import type { Evaluator, State } from './evaluator';
import { bindingKey } from './guards/keys';
import { isTainted, uniqueOrigins, type Part, type Value } from './value';

/**
 * Extensions of files a program reads as data (a converter's input, a document, a table): text written to one is
 * what the program reads, not a program. A script's extension, one the code does not fix, or none at all is a script.
 */
const DATA_EXTENSION =
  /\.(md|markdown|txt|text|json|jsonl|ya?ml|toml|ini|csv|tsv|xml|html?|css|svg|tex|bib|mmd|dot|gv|puml|rst|adoc|log|env|sql|graphql|gql|diff|patch|pdf|png|jpe?g|gif|webp)$/i;

/**
 * After a file write matched `rows`: when the call writes the model's text (its second argument, not an options
 * object nor a number) to a path held in a variable, that variable now names the model's script. Its value takes
 * the text's origins with the `script` bound: as a path it is still the package's choice (file rows ignore it),
 * as a program's operand it is the model's code wherever the program runs files (`runsWrittenScript`).
 */
export function markWrittenScript(
  interpreter: Evaluator,
  node: TSESTree.CallExpression | TSESTree.NewExpression | TSESTree.TaggedTemplateExpression,
  rows: readonly SinkRow[],
  args: readonly Value[],
  state: State,
): void {
  if (node.type !== 'CallExpression' || !rows.some((row) => row.isWrite && row.check === 'path')) return;
  const target = node.arguments[0];
  const content = args[1];
  if (!target || target.type === 'SpreadElement' || !content || !isTainted(content)) return;
  if (content.props || content.isObjectLiteral || content.bounds.has('allowlist') || content.bounds.has('numeric'))
    return;
  const id = unwrapExpression(target);
  if (id.type !== 'Identifier') return;
  const binding = interpreter.ctx.scopes.resolve(id);
  const path = args[0];
  if (!binding || !path || DATA_EXTENSION.test(trailingText(path))) return;
  const script: Value = {
    origins: uniqueOrigins([...content.origins, ...path.origins]),
    bounds: new Set(['script']),
  };
  state.env.set(bindingKey(binding), script);
  state.version = (state.version ?? 0) + 1;
}

/** The constant text a path ends with (`tmp.md` of `${dir}/tmp.md`), or '' where its end is not written. */
function trailingText(value: Value): string {
  if (value.constant !== undefined) return value.constant;
  const last = value.parts?.at(-1);
  return last?.kind === 'const' ? last.text : '';
}

/**
 * A written script's path, or text made of it and what the model does not choose (`${src}.exe`, `${dir}/${src}`).
 * Other parts of the model's input in it make it the model's text as usual.
 */
export function namesWrittenScript(value: Value): boolean {
  if (value.bounds.has('script')) return true;
  const parts = value.parts;
  if (parts === undefined || !isTainted(value)) return false;
  let script = false;
  for (const part of parts) {
    if (part.kind !== 'tainted') continue;
    if (!part.value.bounds.has('script')) return false;
    script = true;
  }
  return script;
}

/**
 * Whether a program runs a written script handed to it: an interpreter or a shell (`python3`, `bash`, `node`), or a
 * program the code does not fix (a runtime looked up per language). A fixed program of another kind (`pandoc`,
 * `mmdc`) reads the file as its data.
 */
export function runsWrittenScript(program: string | undefined): boolean {
  return program === undefined || programRuns(program);
}

/** The program a command line starts with, where its first word is written (`python3 -u ${file}`). */
export function commandProgram(parts: readonly Part[]): string | undefined {
  const first = parts[0];
  if (first?.kind !== 'const') return undefined;
  const word = first.text.trimStart().split(/\s/)[0];
  // `${runner} ${file}`, or text that ends before the first word does: the program is not written here.
  return word && (first.text.trimStart().length > word.length || parts.length === 1) ? word : undefined;
}

/** The program a command line value starts with: its constant text, or its first written part. */
export function commandProgramOf(value: Value | undefined): string | undefined {
  if (value?.constant !== undefined) return value.constant.trimStart().split(/\s/)[0] || undefined;
  return value?.parts ? commandProgram(value.parts) : undefined;
}
