import { useEffect } from 'react';
import { Alert, Form, Input } from 'antd';
import { api } from '../../api/client';
import type { PermissionRow, RoleRow } from '../../api/directory';
import { FormDrawer } from '../../components/FormDrawer';
import { useSubmitForm } from '../../components/useSubmitForm';
import { t } from '../../i18n';
import { PermissionPicker } from './PermissionPicker';

const FIELDS = ['code', 'name', 'description', 'permissions'];

export function RoleForm({ open, role, catalogue, readOnly, onClose, onSaved }: {
  open: boolean;
  role: RoleRow | null;
  catalogue: PermissionRow[];
  readOnly: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { form, errors, busy, submit, reset } = useSubmitForm(FIELDS, async (v) => {
    // The role's kind (which of the three administrators, or business) follows from its permissions on the server.
    const body = { name: v.name?.trim(), description: v.description?.trim() ?? '', permissions: v.permissions ?? [] };
    if (role) await api.patch(`/api/directory/roles/${role.id}`, { ...body, version: role.version });
    else await api.post('/api/directory/roles', { ...body, code: v.code?.trim() });
    onSaved();
  });
  useEffect(() => {
    if (!open) return;
    reset(role
      ? { code: role.code, name: role.name, description: role.description, permissions: role.permissions }
      : { permissions: [] });
  }, [open, role]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <FormDrawer open={open} onClose={onClose} size={560} readOnly={readOnly} title={role ? t('roles.edit', { name: role.name }) : t('roles.create')} form={form} busy={busy} alert={errors.alert}>
      {role?.builtin && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('roles.builtinHelp')} />}
      <Form form={form} layout="vertical" onFinish={submit} disabled={readOnly}>
        <Form.Item name="code" label={t('field.code')} extra={!role ? t('roles.codeHelp') : undefined} rules={[{ required: !role, message: t('validation.required') }]}>
          <Input maxLength={50} disabled={!!role} />
        </Form.Item>
        <Form.Item name="name" label={t('field.name')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="description" label={t('roles.description')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
        <Form.Item name="permissions" label={t('roles.permissions')} extra={t('roles.adminKindHelp')}>
          <PermissionPicker catalogue={catalogue} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
