// The error a scan raises for what the user asked and can fix (a path that does not exist), as opposed to a bug.

/** A scan request that cannot be carried out; front ends show `message` as it is. */
export class ScanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScanError';
  }
}
