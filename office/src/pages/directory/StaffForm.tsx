import { useEffect } from 'react';
import { Form, Input, Select, TreeSelect } from 'antd';
import { api } from '../../api/client';
import { orgTreeData, type OrgNode, type StaffRow } from '../../api/directory';
import { FormDrawer } from '../../components/FormDrawer';
import { useSubmitForm } from '../../components/useSubmitForm';
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
  const { form, errors, busy, submit, reset } = useSubmitForm(FIELDS, async (v) => {
    const body: Record<string, unknown> = {
      displayName: v.displayName?.trim(), orgId: v.orgId, position: v.position?.trim() || null, email: v.email?.trim() || null,
    };
    // The phone is stored encrypted and shown masked: only a newly typed number is sent.
    if (v.phone?.trim()) body.phone = v.phone.trim();
    if (staff) await api.patch(`/api/directory/staff/${staff.id}`, { ...body, status: v.status, version: staff.version });
    else await api.post('/api/directory/staff', { ...body, username: v.username?.trim(), initialPassword: v.initialPassword });
    onSaved();
  });
  useEffect(() => {
    if (!open) return;
    reset(staff
      ? { username: staff.username, displayName: staff.displayName, orgId: staff.orgId ?? undefined, position: staff.position ?? '', email: staff.email ?? '', status: staff.status }
      : { orgId: orgId ?? undefined, status: 'active' });
  }, [open, staff, orgId]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <FormDrawer open={open} onClose={onClose} title={staff ? t('staff.edit', { name: staff.displayName }) : t('staff.create')} form={form} busy={busy} alert={errors.alert}>
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
    </FormDrawer>
  );
}
