// The package client a project object keeps in a field, read from outside the class: a static getter that
// returns `MiroClient.instance.api`, where `instance` is the class's singleton and its constructor assigns
// `this.api = new MiroLowlevelApi(token)`, hands back that package's client.
import { propertyName, unwrapExpression, type Node } from '../ast';
import { GLOBAL, LOCAL, UNTYPED, type ApiRef } from '../api';
import { fieldSources } from '../class-fields';
import type { FileContext } from './context';
import { receiverClasses } from './receivers';

/** Classes whose field declarations are read for one member (a union of implementations at most). */
const MAX_CLASSES = 4;

/**
 * What `value` holds when it is a field of a project object that is not `this` (`Client.instance.api`,
 * `holder.client`): the package API the object's class assigns or declares for that field, when one names it.
 */
export function instanceFieldApi(value: Node, ctx: FileContext): ApiRef | undefined {
  const member = unwrapExpression(value);
  // Cheap checks first: a named member of something other than `this` (fields of `this` have their own reading).
  if (member.type !== 'MemberExpression' || member.computed) return undefined;
  const object = unwrapExpression(member.object);
  if (object.type === 'ThisExpression') return undefined;
  const name = propertyName(member);
  if (name === undefined) return undefined;
  for (const found of receiverClasses(object, ctx).slice(0, MAX_CLASSES)) {
    for (const source of fieldSources(found.node.body, name)) {
      const ref = source.value
        ? found.ctx.api.resolve(source.value)
        : source.type
          ? found.ctx.api.fromType(source.type, 0)
          : undefined;
      if (ref && ![GLOBAL, LOCAL, UNTYPED].includes(ref.module)) return ref;
    }
  }
  return undefined;
}
