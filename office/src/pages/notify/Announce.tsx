import { useEffect, useMemo, useState } from 'react';
import { Alert, Button, Card, Checkbox, Form, Input, Radio, Select } from 'antd';
import { api, rowsOf } from '../../api/client';
import { notifyApi } from '../../api/notify';
import { Page } from '../../components/Page';
import { useSubmitForm } from '../../components/useSubmitForm';
import { useSession } from '../../session/SessionContext';
import { P } from '../../permissions';
import { t } from '../../i18n';

interface Values { target: 'org' | 'region'; orgId?: string; role?: string; region?: string; title: string; body: string; urgent?: boolean }

/**
 * A notice to everyone in an organisation (optionally only holders of one role) or, for whole-tree senders, a region:
 * in-app for all, and by SMS or email as each person chose. The send returns at once; delivery runs in the background.
 */
export default function Announce() {
  const { session, can } = useSession();
  const [roles, setRoles] = useState<{ code: string; name: string }[]>([]);
  const [sent, setSent] = useState<string | null>(null);
  const orgs = useMemo(() => {
    const seen = new Map<string, string>();
    for (const g of session?.grants ?? []) seen.set(g.orgId, g.orgName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [session]);
  const regionAllowed = can([P.announce], true);
  useEffect(() => { api.get('/api/directory/roles').then((r) => setRoles(rowsOf<{ code: string; name: string }>(r)), () => setRoles([])); }, []);

  const { form, errors, busy, submit } = useSubmitForm<Values>(['orgId', 'role', 'region', 'title', 'body', 'urgent'], async (v) => {
    const audience = v.target === 'region' ? { region: v.region?.trim() } : { orgId: v.orgId, role: v.role || undefined };
    const r = await notifyApi.announce({ audience, title: v.title.trim(), body: v.body.trim(), urgent: !!v.urgent });
    setSent(r.requestId);
    form.resetFields(['title', 'body', 'urgent']);
  });
  const target = Form.useWatch('target', form) ?? 'org';

  return (
    <Page title={t('menu.announce')}>
      <Card style={{ maxWidth: 760 }}>
        {sent && <Alert type="success" showIcon role="status" style={{ marginBottom: 16 }} title={t('announce.sent')} description={t('announce.sentHelp', { id: sent })} closable onClose={() => setSent(null)} />}
        {errors.alert}
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ target: 'org', orgId: orgs[0]?.value }}>
          {regionAllowed && (
            <Form.Item name="target" label={t('announce.target')}>
              <Radio.Group options={[{ value: 'org', label: t('announce.toOrg') }, { value: 'region', label: t('announce.toRegion') }]} />
            </Form.Item>
          )}
          {target === 'org' ? (
            <>
              <Form.Item name="orgId" label={t('announce.org')} rules={[{ required: true, message: t('announce.orgRequired') }]}>
                <Select options={orgs} showSearch optionFilterProp="label" />
              </Form.Item>
              <Form.Item name="role" label={t('announce.role')} extra={t('announce.roleHelp')}>
                <Select allowClear options={roles.map((r) => ({ value: r.code, label: r.name }))} />
              </Form.Item>
            </>
          ) : (
            <Form.Item name="region" label={t('announce.region')} extra={t('announce.regionHelp')} rules={[{ required: true, message: t('announce.regionRequired') }]}>
              <Input maxLength={12} inputMode="numeric" />
            </Form.Item>
          )}
          <Form.Item name="title" label={t('announce.title')} rules={[{ required: true, whitespace: true, message: t('announce.titleRequired') }]}>
            <Input maxLength={100} showCount />
          </Form.Item>
          <Form.Item name="body" label={t('announce.body')} rules={[{ required: true, whitespace: true, message: t('announce.bodyRequired') }]}>
            <Input.TextArea rows={6} maxLength={2000} showCount />
          </Form.Item>
          <Form.Item name="urgent" valuePropName="checked" extra={t('announce.urgentHelp')}>
            <Checkbox>{t('announce.urgent')}</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>{t('announce.send')}</Button>
        </Form>
      </Card>
    </Page>
  );
}
