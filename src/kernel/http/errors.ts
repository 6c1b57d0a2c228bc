/**
 * The one error type that reaches callers. Services throw it with a message key; the error handler
 * turns it into `{ error: { code, message, fields } }` in the caller's language. Anything else is a 500 (a bug).
 */
export interface FieldError {
  field: string;
  key: string;
  params?: Record<string, unknown>;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly key: string,
    readonly fields: FieldError[] = [],
    readonly params?: Record<string, unknown>,
  ) {
    super(`${code}: ${key}`);
  }
}

export const badRequest = (key = 'error.validation', fields: FieldError[] = [], params?: Record<string, unknown>) =>
  new AppError(400, 'VALIDATION', key, fields, params);
/** One field is wrong: the common case of a service-level check (check digit, duplicate phone). */
export const fieldError = (field: string, key: string, params?: Record<string, unknown>) =>
  badRequest('error.validation', [{ field, key, params }]);
export const unauthenticated = (key = 'error.unauthenticated', code = 'UNAUTHENTICATED') => new AppError(401, code, key);
export const forbidden = (key = 'error.forbidden') => new AppError(403, 'FORBIDDEN', key);
export const notFound = (key = 'error.notFound') => new AppError(404, 'NOT_FOUND', key);
export const conflict = (key = 'error.conflict', fields: FieldError[] = []) => new AppError(409, 'CONFLICT', key, fields);
export const tooMany = (key = 'error.tooMany', params?: Record<string, unknown>) => new AppError(429, 'TOO_MANY', key, [], params);
