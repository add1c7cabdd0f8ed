import type { z } from 'zod';

/** The first problem of a failed parse as one line naming the field: "mark: expected one of …". */
export function formatZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid input';
  const path = issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
  return `${path}: ${issue.message}`;
}
