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
 * The model-controlled element of an argument list that names a file, unbounded, or undefined: the value
 * of a path option (the element before it, or its own constant head), or a value the tool resolved as a
 * path (`path.resolve(cwd, input.path)`). Other operands (a pattern, a message) are the process rule's.
 */
export function fileOperand(list: Value): Value | undefined {
  const elements = list.elements;
  if (!elements) return undefined;
  return elements.find((item, index) => {
    if (!isTainted(item) || item.bounds.has('allowlist') || item.bounds.has('path')) return false;
    if (item.isResolvedPath) return true;
    const previous = elements[index - 1]?.constant;
    if (previous !== undefined && PATH_OPTION.test(previous)) return true;
    const head = item.parts?.[0];
    return head?.kind === 'const' && PATH_OPTION_JOINED.test(head.text);
  });
}
