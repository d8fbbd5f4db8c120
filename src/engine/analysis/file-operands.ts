// The elements of a program's argument list that name files: what the program then reads or writes is a
// path the tool handed it (`git -C <dir>`, `tar -f <archive>`, `--output=<file>`, a resolved search root).
import { isTainted, type Value } from './value';

/** Options whose value is a file or folder, as command-line programs commonly spell them. */
const PATH_OPTION =
  /^(-C|-f|-o|-O|-d|-i|-T|--file|--files-from|--output|--out|--output-file|--out-file|--outdir|--output-dir|--out-dir|--input|--cwd|--dir|--directory|--path|--root|--work-tree|--git-dir|--target|--target-directory|--config|--prefix)$/;
/** The same options written with their value attached (`--output=report.pdf`). */
const PATH_OPTION_JOINED =
  /^(--file|--files-from|--output|--out|--output-file|--out-file|--outdir|--output-dir|--out-dir|--input|--cwd|--dir|--directory|--path|--root|--work-tree|--git-dir|--target|--target-directory|--config|--prefix)=$/;

/**
 * Input fields named as a particular local file or folder (`apkPath`, `output_path`, `localFile`, `targetDir`):
 * what the model writes there is a path. A bare `path` or `file` is left to the other signs (a resolved
 * path, a path option): agent frameworks often check such a field against the workspace before the handler
 * runs, where this reader cannot see it. Names that say the path is somewhere else (a URL's, an API's, the
 * remote host's) or is not a file's (a JSON or object path) are not.
 */
const PATH_FIELD = /^[A-Za-z0-9]+_?(?:path|file|dir|directory|folder)$/i;
const ELSEWHERE_FIELD =
  /^(?:remote|url|uri|api|route|web|http|endpoint|json|jq|object|key|property|field|prop|ref|query|x|css|dom)/i;

/**
 * The model-controlled element of an argument list that names a file, unbounded, or undefined: the value
 * of a path option (the element before it, or its own constant head), a value the tool resolved as a
 * path (`path.resolve(cwd, input.path)`), or the whole of an input field named as a path
 * (`['install', '-r', args.apkPath]`). Other operands (a pattern, a message) are the process rule's.
 */
export function fileOperand(list: Value): Value | undefined {
  const elements = list.elements;
  if (!elements) return undefined;
  return elements.find((item, index) => {
    if (!isTainted(item) || item.bounds.has('allowlist') || item.bounds.has('path')) return false;
    if (item.isResolvedPath || isPathField(item)) return true;
    const previous = elements[index - 1]?.constant;
    if (previous !== undefined && PATH_OPTION.test(previous)) return true;
    const head = item.parts?.[0];
    return head?.kind === 'const' && PATH_OPTION_JOINED.test(head.text);
  });
}

/** The element is the model's value as it is (no text around it), and every field it comes from names a path. */
function isPathField(item: Value): boolean {
  if (item.parts?.some((part) => part.kind !== 'tainted')) return false;
  if (item.origins.length === 0) return false;
  return item.origins.every((origin) => {
    const name = /([A-Za-z_$][\w$]*)\W*$/.exec(origin.display)?.[1];
    return name !== undefined && PATH_FIELD.test(name) && !ELSEWHERE_FIELD.test(name);
  });
}
