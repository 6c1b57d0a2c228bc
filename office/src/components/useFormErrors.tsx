import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError, type FieldMessage } from '../api/client';
import { ErrorAlert } from './ErrorAlert';

/** `days.0.day` → ['days', 0, 'day'], the name path of an Ant Design Form.List field. */
function namePath(field: string): (string | number)[] {
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts the server's field errors on the form's own fields and keeps the rest (and the overall
 * message) for an alert above the form. `fieldNames` lists the top-level fields the form shows.
 */
export function useFormErrors(form: FormInstance, fieldNames: string[]) {
  const [error, setError] = useState<unknown>(null);
  const [rest, setRest] = useState<FieldMessage[]>([]);

  const show = useCallback((err: unknown) => {
    setError(err);
    if (!(err instanceof ApiError)) {
      setRest([]);
      return;
    }
    const onForm = err.fields.filter((f) => fieldNames.includes(namePath(f.field)[0] as string));
    form.setFields(onForm.map((f) => ({ name: namePath(f.field), errors: [f.message] })));
    setRest(err.fields.filter((f) => !onForm.includes(f)));
  }, [form, fieldNames]);

  const clear = useCallback(() => {
    setError(null);
    setRest([]);
  }, []);

  const alert = error ? <ErrorAlert error={error} fields={rest} /> : null;
  return { show, clear, alert };
}
