import { useState } from 'react';
import { Form } from 'antd';
import { useFormErrors } from './useFormErrors';

/**
 * A form that sends its values with `send`: busy while it runs, the server's field errors on the
 * form's fields and the rest in `errors.alert`. `fields` lists the top-level fields the form shows.
 */
export function useSubmitForm<V = Record<string, any>>(fields: string[], send: (values: V) => Promise<void>) {
  const [form] = Form.useForm();
  const errors = useFormErrors(form, fields);
  const [busy, setBusy] = useState(false);

  const submit = async (values: V) => {
    setBusy(true);
    errors.clear();
    try {
      await send(values);
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  };

  /** Empties the form and its errors, then fills it with `values` (a drawer being opened again). */
  const reset = (values: Record<string, unknown>) => {
    errors.clear();
    form.resetFields();
    form.setFieldsValue(values);
  };

  return { form, errors, busy, submit, reset };
}
