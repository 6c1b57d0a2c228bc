import { useEffect } from 'react';
import { Form, Input, InputNumber, Select, Switch, TreeSelect } from 'antd';
import { api } from '../../api/client';
import { ORG_KINDS, orgTreeData, type OrgNode } from '../../api/directory';
import { FormDrawer } from '../../components/FormDrawer';
import { useSubmitForm } from '../../components/useSubmitForm';
import { t, type MessageKey } from '../../i18n';

const FIELDS = ['parentId', 'code', 'name', 'shortName', 'kind', 'regionCode', 'sort', 'active'];

/** Create an organisation (under `parentId`) or edit one; edits carry the version read, so two editors cannot overwrite each other. */
export function OrgForm({ open, org, parentId, tree, onClose, onSaved }: {
  open: boolean;
  org: OrgNode | null;
  parentId: string | null;
  tree: OrgNode[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { form, errors, busy, submit, reset } = useSubmitForm(FIELDS, async (v) => {
    const body: Record<string, unknown> = {
      name: v.name?.trim(), kind: v.kind, sort: v.sort ?? 0, parentId: v.parentId ?? null,
      shortName: v.shortName?.trim() || null, regionCode: v.regionCode?.trim() || null,
    };
    // The code identifies the organisation in imports and other systems: it is set once.
    if (org) await api.patch(`/api/directory/orgs/${org.id}`, { ...body, active: v.active, version: org.version });
    else await api.post('/api/directory/orgs', { ...body, code: v.code?.trim() });
    onSaved();
  });
  useEffect(() => {
    if (!open) return;
    reset(org
      ? { parentId: org.parentId ?? undefined, code: org.code, name: org.name, shortName: org.shortName ?? '', kind: org.kind, regionCode: org.regionCode ?? '', sort: org.sort, active: org.active }
      : { parentId: parentId ?? undefined, kind: 'department', sort: 0, active: true });
  }, [open, org, parentId]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <FormDrawer open={open} onClose={onClose} title={org ? t('orgs.edit', { name: org.name }) : t('orgs.create')} form={form} busy={busy} alert={errors.alert}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="parentId" label={t('orgs.parent')}>
          <TreeSelect treeData={orgTreeData(tree)} allowClear showSearch treeNodeFilterProp="title" placeholder={t('orgs.parentNone')} treeDefaultExpandAll={false} />
        </Form.Item>
        <Form.Item name="code" label={t('field.code')} rules={[{ required: !org, message: t('validation.required') }]}>
          <Input maxLength={50} disabled={!!org} />
        </Form.Item>
        <Form.Item name="name" label={t('field.name')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="shortName" label={t('orgs.shortName')}>
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="kind" label={t('orgs.kind')} rules={[{ required: true, message: t('validation.required') }]}>
          <Select options={ORG_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}` as MessageKey) }))} />
        </Form.Item>
        <Form.Item name="regionCode" label={t('field.regionCode')} rules={[{ pattern: /^(\d{6}|\d{9}|\d{12})$/, message: t('validation.regionCode') }]}>
          <Input maxLength={12} inputMode="numeric" />
        </Form.Item>
        <Form.Item name="sort" label={t('orgs.sort')}>
          <InputNumber min={0} max={100000} style={{ width: '100%' }} />
        </Form.Item>
        {org && (
          <Form.Item name="active" label={t('orgs.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        )}
      </Form>
    </FormDrawer>
  );
}
