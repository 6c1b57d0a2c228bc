import { Form, Input, InputNumber } from 'antd';
import { api } from '../../api/client';
import { FormDrawer } from '../../components/FormDrawer';
import { useSubmitForm } from '../../components/useSubmitForm';
import { t } from '../../i18n';

export interface RegionDetail {
  code: string;
  name: string;
  sort: number;
  version: number;
}

/** Adds a region under `parent` (mode 'create'), or renames `region` (mode 'edit'). */
export function RegionForm({ mode, parent, region, onClose, onSaved }: {
  mode: 'create' | 'edit' | null;
  parent: RegionDetail | null;
  region: RegionDetail | null;
  onClose: () => void;
  onSaved: (code: string) => void;
}) {
  const { form, errors, busy, submit } = useSubmitForm<{ code?: string; name: string; sort?: number }>(['code', 'name', 'sort', 'parentCode'], async (v) => {
    if (mode === 'edit' && region) {
      await api.patch(`/api/directory/regions/${region.code}`, { name: v.name, sort: v.sort, version: region.version });
      onSaved(region.code);
    } else {
      await api.post('/api/directory/regions', { code: v.code, name: v.name, sort: v.sort, parentCode: parent?.code });
      onSaved(v.code!);
    }
  });
  const title = mode === 'edit' ? t('regions.editTitle', { name: region?.name ?? '' }) : t('regions.createTitle', { parent: parent?.name ?? t('regions.country') });
  return (
    <FormDrawer open={mode !== null} title={title} form={form} busy={busy} alert={errors.alert} onClose={onClose}>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={mode === 'edit' ? { name: region?.name, sort: region?.sort } : { code: parent?.code ?? '' }}>
        {mode === 'create' && (
          <Form.Item name="code" label={t('field.regionCode')} extra={t('regions.codeHint')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input inputMode="numeric" maxLength={12} />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('field.name')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="sort" label={t('field.sort')}>
          <InputNumber min={0} max={100000} />
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
