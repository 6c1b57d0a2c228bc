import { useEffect, useState } from 'react';
import { Button, Card, Flex, Form, Image, Input, Space, Steps, Typography } from 'antd';
import { api } from '../api/client';
import { useFormErrors } from '../components/useFormErrors';
import { ErrorAlert } from '../components/ErrorAlert';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useSession } from '../session/SessionContext';
import type { Stage } from '../session/types';
import { t } from '../i18n';

interface Enrolment {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

/** Sign-in: password, then the TOTP code, or, the first time, TOTP enrolment. */
export function SignIn({ stage: initial }: { stage: Stage | null }) {
  const { refresh, signOut } = useSession();
  const [stage, setStage] = useState<Stage | null>(initial);
  const title = stage === 'enrol' ? t('signIn.enrolTitle') : stage === 'mfa' ? t('signIn.totpTitle') : t('signIn.title');

  useEffect(() => {
    document.title = `${title} - ${t('app.name')}`;
  }, [title]);

  const afterStep = async (next: Stage) => {
    if (next === 'full') await refresh();
    else setStage(next);
  };
  const restart = async () => {
    await signOut();
    setStage(null);
  };

  return (
    <main style={{ minHeight: '100vh', background: '#f5f5f5', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
      <Card style={{ width: 440, maxWidth: '100%' }}>
        <Flex justify="flex-end"><LanguageSwitch /></Flex>
        <Typography.Title level={1} style={{ fontSize: 24, textAlign: 'center', marginTop: 0 }}>{t('app.name')}</Typography.Title>
        <Steps
          size="small"
          style={{ marginBottom: 24 }}
          current={stage ? 1 : 0}
          items={[{ title: t('signIn.stepPassword') }, { title: stage === 'enrol' ? t('signIn.stepEnrol') : t('signIn.stepTotp') }]}
        />
        <Typography.Title level={2} style={{ fontSize: 18 }}>{title}</Typography.Title>
        {stage === null && <PasswordStep onDone={afterStep} />}
        {stage === 'mfa' && <TotpStep onDone={afterStep} onCancel={restart} />}
        {stage === 'enrol' && <EnrolStep onDone={afterStep} onCancel={restart} />}
      </Card>
    </main>
  );
}

function PasswordStep({ onDone }: { onDone: (stage: Stage) => Promise<void> }) {
  const [form] = Form.useForm();
  const errors = useFormErrors(form, ['username', 'password']);
  const [busy, setBusy] = useState(false);
  const submit = async (values: { username: string; password: string }) => {
    setBusy(true);
    errors.clear();
    try {
      const res = await api.post<{ stage: Stage }>('/api/auth/login', values);
      await onDone(res.stage);
    } catch (err) {
      errors.show(err);
      form.setFieldValue('password', '');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      {errors.alert}
      <Form.Item name="username" label={t('signIn.username')} rules={[{ required: true, message: t('signIn.usernameRequired') }]}>
        <Input autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item name="password" label={t('signIn.password')} rules={[{ required: true, message: t('signIn.passwordRequired') }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={busy}>{t('signIn.submit')}</Button>
    </Form>
  );
}

function CodeForm({ onSubmit, onCancel, submitLabel }: { onSubmit: (code: string) => Promise<Stage>; onCancel: () => void; submitLabel: string }) {
  const [form] = Form.useForm();
  const errors = useFormErrors(form, ['code']);
  const [busy, setBusy] = useState(false);
  const submit = async ({ code }: { code: string }) => {
    setBusy(true);
    errors.clear();
    try {
      await onSubmit(code.trim());
    } catch (err) {
      errors.show(err);
      form.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
      {errors.alert}
      <Form.Item name="code" label={t('signIn.code')} extra={t('signIn.codeHelp')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('signIn.codeFormat') }]}>
        <Input autoComplete="one-time-code" inputMode="numeric" maxLength={8} autoFocus />
      </Form.Item>
      <Space style={{ width: '100%' }} direction="vertical">
        <Button type="primary" htmlType="submit" block loading={busy}>{submitLabel}</Button>
        <Button block onClick={onCancel}>{t('signIn.restart')}</Button>
      </Space>
    </Form>
  );
}

function TotpStep({ onDone, onCancel }: { onDone: (stage: Stage) => Promise<void>; onCancel: () => void }) {
  return (
    <CodeForm
      submitLabel={t('signIn.verify')}
      onCancel={onCancel}
      onSubmit={async (code) => {
        const res = await api.post<{ stage: Stage }>('/api/auth/totp', { code });
        await onDone(res.stage ?? 'full');
        return res.stage;
      }}
    />
  );
}

function EnrolStep({ onDone, onCancel }: { onDone: (stage: Stage) => Promise<void>; onCancel: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.post<Enrolment>('/api/auth/totp/enrolment').then(setEnrolment, setError);
  }, []);
  if (error) return <><ErrorAlert error={error} /><Button block onClick={onCancel}>{t('signIn.restart')}</Button></>;
  if (!enrolment) return <Typography.Paragraph>{t('app.loading')}</Typography.Paragraph>;
  return (
    <>
      <Typography.Paragraph>{t('signIn.enrolHelp')}</Typography.Paragraph>
      <Flex justify="center" style={{ marginBottom: 12 }}>
        <Image src={enrolment.qrDataUrl} alt={t('signIn.qrAlt')} width={200} height={200} preview={false} />
      </Flex>
      <Typography.Paragraph>
        {t('signIn.secretLabel')}
        <br />
        <Typography.Text code copyable data-testid="totp-secret" style={{ wordBreak: 'break-all' }}>{enrolment.secret}</Typography.Text>
      </Typography.Paragraph>
      <CodeForm
        submitLabel={t('signIn.confirmEnrol')}
        onCancel={onCancel}
        onSubmit={async (code) => {
          const res = await api.post<{ stage: Stage }>('/api/auth/totp/enrolment/confirm', { code });
          await onDone(res.stage ?? 'full');
          return res.stage;
        }}
      />
    </>
  );
}
