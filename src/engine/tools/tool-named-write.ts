// A package client's method whose name the verb lists do not read, read with the tool's own name:
// `add-project-member` calling `api.enterpriseAddProjectMember(org, project, body)` writes.
import type { RemoteWriteNames } from '../catalog/load';
import { wordsOf } from '../analysis/words';

/** Object words shorter than this (`id`, `to`, `by`) tie nothing to anything. */
const MIN_OBJECT_LENGTH = 3;

/**
 * SDKs prefix their methods with a product or scope word the verb lists cannot know (`enterpriseCreateBoardExport`,
 * `workspaceDeleteMember`) or put the verb last (`dataclassificationBoardSet`). Where the tool's name leads with a
 * write verb and the method names the same object and holds a write verb of its own, and does not start as a
 * read (`getBoardMembers`), the method is the write the tool is named for. The tool's name alone never makes a
 * call a write: a `create_report` tool reading `client.listBoards()` stays a read.
 */
export function isToolNamedWrite(
  method: string,
  toolName: string | undefined,
  names: RemoteWriteNames,
  receiver: string,
): boolean {
  if (toolName === undefined) return false;
  const toolWords = wordsOf(toolName);
  const [toolVerb, ...objects] = toolWords;
  if (toolVerb === undefined || objects.length === 0 || !isWriteVerb(toolVerb, names)) return false;
  const methodWords = wordsOf(method);
  const named = objects.filter((word) => word.length >= MIN_OBJECT_LENGTH);
  // `add_memory` calling `memoryClient.add(messages, …)`: the tool's own verb, bare, on a receiver named for
  // the tool's object (a bare `add` elsewhere is arithmetic: `dayjs(d).add(n, 'day')` in `add_days`).
  if (methodWords.length === 1) {
    const spelled = receiver.toLowerCase();
    return method === toolVerb && named.some((word) => word.length > MIN_OBJECT_LENGTH && spelled.includes(word));
  }
  const [first] = methodWords;
  if (first === undefined || names.readEndpointWords.includes(first)) return false;
  // `editTimeout`, `changeLocale`, `createClient`: set-up of the local client, whatever the tool says.
  if ([...names.factorySuffixes, ...names.compoundLocalSuffixes].some((suffix) => method.endsWith(suffix)))
    return false;
  if (!methodWords.some((word) => isWriteVerb(word, names))) return false;
  return named.some((word) => methodWords.includes(word));
}

function isWriteVerb(word: string, names: RemoteWriteNames): boolean {
  return names.verbs.includes(word) || names.compoundVerbs.includes(word) || names.clientOnlyVerbs.includes(word);
}
