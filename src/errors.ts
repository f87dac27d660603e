/** An error caused by the user's input (config, inputs, payloads, notebook outputs): shown as is, no stack. */
export class UserError extends Error {
  constructor(
    message: string,
    /** Where the problem is, for a GitHub annotation on that file and line. */
    readonly where?: { file: string; line?: number },
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Normalises anything thrown into a message, so a thrown string or object still fails the step. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

/** Adds context on the way up: "while X: cause". Keeps UserError-ness and location. */
export function withContext(context: string, err: unknown): Error {
  const msg = `${context}: ${errorMessage(err)}`;
  if (err instanceof UserError) return new UserError(msg, err.where);
  const wrapped = new Error(msg, { cause: err });
  return wrapped;
}
