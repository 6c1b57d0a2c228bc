import { Alert } from 'antd';
import { ApiError, type FieldMessage } from '../api/client';

/** The server's message, with field errors that no form field could show listed below it (their messages name the field). */
export function ErrorAlert({ error, fields }: { error: unknown; fields?: FieldMessage[] }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const rest = fields ?? (error instanceof ApiError ? error.fields : []);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      title={message}
      description={rest.length ? <ul style={{ margin: 0, paddingInlineStart: 20 }}>{rest.map((f, i) => <li key={i}>{f.message}</li>)}</ul> : undefined}
    />
  );
}
