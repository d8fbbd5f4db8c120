// A method of a package's client whose name is a service verb and its object (`createRegistry`, `sendMessage`,
// `submitConnectionRequest`): a request to the service, also when the client is the instance itself, held by a
// project class in another file. A bare verb there (`queue.add(job)`, `cache.delete(key)`) is as often the
// module's own state, and a name ending in a local-setup word (`createSession`, `setTimeout`) configures the client.
import type { RemoteWriteNames } from '../catalog/load';
import { wordsOf } from '../analysis/words';

export function namesServiceWrite(name: string, names: RemoteWriteNames): boolean {
  const words = wordsOf(name);
  if (words.length < 2 || !names.untypedReceiverVerbs.includes(words[0] ?? '')) return false;
  return ![...names.factorySuffixes, ...names.compoundLocalSuffixes].some((suffix) => name.endsWith(suffix));
}
