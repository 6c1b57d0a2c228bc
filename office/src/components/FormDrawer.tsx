import type { ReactNode } from 'react';
import { Button, Drawer, Space, type FormInstance } from 'antd';
import { t } from '../i18n';

/** A create/edit drawer: cancel and save at the top, the form's error alert above the form. */
export function FormDrawer({ open, title, size = 480, form, busy, alert, readOnly, onClose, children }: {
  open: boolean;
  title: string;
  size?: number;
  form: FormInstance;
  busy: boolean;
  alert: ReactNode;
  /** Shows the form without the save button. */
  readOnly?: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={size}
      title={title}
      destroyOnHidden
      extra={!readOnly && <Space><Button onClick={onClose}>{t('action.cancel')}</Button><Button type="primary" loading={busy} onClick={() => form.submit()}>{t('action.save')}</Button></Space>}
    >
      {alert}
      {children}
    </Drawer>
  );
}
