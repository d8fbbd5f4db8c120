// Records when the extension's code started loading; imported first so the activation time includes loading the bundle.
export const loadStarted = Date.now();
