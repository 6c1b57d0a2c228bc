import { Checkbox, Form, Input, Typography } from 'antd';
import { api } from '../../api/client';
import { FormDrawer } from '../../components/FormDrawer';
import { useSubmitForm } from '../../components/useSubmitForm';
import { t } from '../../i18n';

/**
 * The way back for a staff member who forgot the password or lost the authenticator: a new password to
 * hand over and/or the authenticator unbound, so that the next sign-in enrols a new one.
 */
export function ResetDrawer({ account, onClose, onDone }: { account: { id: string; username: string } | null; onClose: () => void; onDone: () => void }) {
  const { form, errors, busy, submit } = useSubmitForm<{ password?: string; totp?: boolean }>(['password', 'totp'], async (v) => {
    await api.post(`/api/identity/accounts/${account!.id}/reset`, { password: v.password || undefined, totp: !!v.totp });
    onDone();
  });
  return (
    <FormDrawer open={!!account} title={t('accounts.resetTitle', { name: account?.username ?? '' })} form={form} busy={busy} alert={errors.alert} onClose={onClose}>
      <Typography.Paragraph>{t('accounts.resetIntro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ totp: false }}>
        <Form.Item name="password" label={t('accounts.newPassword')} extra={t('accounts.newPasswordHint')}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="totp" valuePropName="checked">
          <Checkbox>{t('accounts.resetTotp')}</Checkbox>
        </Form.Item>
      </Form>
    </FormDrawer>
  );
}
