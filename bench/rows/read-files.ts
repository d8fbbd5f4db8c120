// Row (a): reads every corpus file as text, the I/O part of any scan.
import * as fs from 'node:fs';
import { readFileList } from '../files';

const files = readFileList(process.argv[2] ?? '');
let chars = 0;
for (const file of files) chars += fs.readFileSync(file, 'utf8').length;
process.stdout.write(JSON.stringify({ files: files.length, chars }));
