import { useEffect, useState } from 'react';
import { Button, Drawer, Form, Input, Select, Space, TreeSelect } from 'antd';
import { api } from '../../api/client';
import { orgTreeData, type OrgNode, type StaffRow } from '../../api/directory';
import { useFormErrors } from '../../components/useFormErrors';
import { t } from '../../i18n';

const FIELDS = ['username', 'displayName', 'initialPassword', 'orgId', 'position', 'phone', 'email', 'status'];

/** Create a staff account or edit one (the version read travels with the edit). */
export function StaffForm({ open, staff, orgId, tree, onClose, onSaved }: {
  open: boolean;
  staff: StaffRow | null;
  orgId: string | null;
  tree: OrgNode[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm();
  const errors = useFormErrors(form, FIELDS);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!open) return;
    errors.clear();
    form.resetFields();
    form.setFieldsValue(staff
      ? { username: staff.username, displayName: staff.displayName, orgId: staff.orgId ?? undefined, position: staff.position ?? '', email: staff.email ?? '', status: staff.status }
      : { orgId: orgId ?? undefined, status: 'active' });
  }, [open, staff, orgId]); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = async (v: Record<string, any>) => {
    setBusy(true);
    errors.clear();
    const body: Record<string, unknown> = {
      displayName: v.displayName?.trim(), orgId: v.orgId, position: v.position?.trim() || null, email: v.email?.trim() || null,
    };
    // The phone is stored encrypted and shown masked: only a newly typed number is sent.
    if (v.phone?.trim()) body.phone = v.phone.trim();
    try {
      if (staff) await api.patch(`/api/directory/staff/${staff.id}`, { ...body, status: v.status, version: staff.version });
      else await api.post('/api/directory/staff', { ...body, username: v.username?.trim(), initialPassword: v.initialPassword });
      onSaved();
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={480}
      title={staff ? t('staff.edit', { name: staff.displayName }) : t('staff.create')}
      destroyOnHidden
      extra={<Space><Button onClick={onClose}>{t('action.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>{t('action.save')}</Button></Space>}
    >
      {errors.alert}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="username" label={t('field.username')} rules={[{ required: !staff, message: t('validation.required') }]} extra={!staff ? t('staff.usernameHelp') : undefined}>
          <Input maxLength={50} disabled={!!staff} autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('field.displayName')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={50} />
        </Form.Item>
        {!staff && (
          <Form.Item name="initialPassword" label={t('staff.initialPassword')} extra={t('staff.passwordHelp')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        )}
        <Form.Item name="orgId" label={t('field.org')} rules={[{ required: true, message: t('validation.required') }]}>
          <TreeSelect treeData={orgTreeData(tree)} showSearch treeNodeFilterProp="title" />
        </Form.Item>
        <Form.Item name="position" label={t('staff.position')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="phone" label={t('field.phone')} extra={staff ? t('staff.phoneKeep', { phone: staff.phone ?? '—' }) : undefined} rules={[{ pattern: /^1\d{10}$/, message: t('validation.phone') }]}>
          <Input maxLength={11} inputMode="tel" autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('field.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        {staff && (
          <Form.Item name="status" label={t('field.status')}>
            <Select options={[{ value: 'active', label: t('status.active') }, { value: 'disabled', label: t('status.disabled') }]} />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
