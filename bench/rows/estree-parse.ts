// Row (b'): reads every corpus file and parses it with typescript-estree, as the engine would if it parsed everything.
import * as fs from 'node:fs';
import { parse } from '@typescript-eslint/typescript-estree';
import { estreeOptions } from '../estree-options';
import { readFileList } from '../files';

const files = readFileList(process.argv[2] ?? '');
let statements = 0;
let failures = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    statements += parse(text, estreeOptions(file, text)).body.length;
  } catch {
    failures++;
  }
}
process.stdout.write(JSON.stringify({ files: files.length, statements, failures }));
