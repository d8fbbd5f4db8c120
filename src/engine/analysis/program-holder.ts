// Which program a variable or member holding a program path is named for (`mysqlExe`, `rgPath`, `ffmpeg_bin`).

/** Names that hold a program path: the word before the suffix names the program. */
const PROGRAM_HOLDER = /^([A-Za-z][A-Za-z0-9]*?)[_-]?(exe|path|bin|binary|executable|location)$/i;

/** Words a holder's stem may be that name no particular program (`binaryPath`, `commandPath`, `shellPath`). */
const GENERIC_STEMS =
  /^(program|prog|tool|app|application|binary|bin|executable|exe|cli|command|cmd|process|proc|child|target|default|custom|local|system|resolved|full|abs|absolute|real|install|installed|bundled|file|runner|launcher|interpreter|shell|terminal|engine|exec|script|base|root|dir|folder|config|output|input|data|log|cache|temp|tmp|home|work|project|source|src|dest)$/i;

/** Whether a name has the shape of a program holder at all (`mysqlExe`), whatever its stem. */
export function isProgramHolder(name: string): boolean {
  return PROGRAM_HOLDER.test(name);
}

/** The program a holder names, lower-case (`rgPath` is `rg`), or undefined for any other name or a generic stem. */
export function programNamedBy(name: string): string | undefined {
  const stem = PROGRAM_HOLDER.exec(name)?.[1];
  return stem !== undefined && !GENERIC_STEMS.test(stem) ? stem.toLowerCase() : undefined;
}

/** `/usr/bin/rg`, `C:\tools\rg.exe`: the program's own name, lower-case. */
export function programBase(program: string): string {
  return (program.split(/[/\\]/).pop() ?? '').replace(/\.exe$/i, '').toLowerCase();
}
