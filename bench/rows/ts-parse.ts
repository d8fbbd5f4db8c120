// Row (b), the parser floor: reads every corpus file and parses it with TypeScript's own `createSourceFile`.
import * as fs from 'node:fs';
import * as ts from 'typescript';
import { readFileList } from '../files';

const files = readFileList(process.argv[2] ?? '');
let statements = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  // setParentNodes false: the cheapest parse TypeScript offers, which is what makes it the floor.
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKind(file));
  statements += source.statements.length;
}
process.stdout.write(JSON.stringify({ files: files.length, statements }));

function scriptKind(file: string): ts.ScriptKind {
  if (/\.tsx$/i.test(file)) return ts.ScriptKind.TSX;
  if (/\.jsx$/i.test(file)) return ts.ScriptKind.JSX;
  if (/\.[mc]?js$/i.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}
