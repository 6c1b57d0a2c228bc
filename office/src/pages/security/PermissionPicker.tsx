import { Checkbox, Typography } from 'antd';
import type { PermissionRow } from '../../api/directory';
import { t, type MessageKey } from '../../i18n';

const DOMAINS: PermissionRow['domain'][] = ['system', 'security', 'audit', 'business'];

/** The permission catalogue grouped by domain; one value (the chosen codes) for the role form. */
export function PermissionPicker({ catalogue, value = [], onChange }: { catalogue: PermissionRow[]; value?: string[]; onChange?: (v: string[]) => void }) {
  return (
    <div>
      {DOMAINS.map((domain) => {
        const list = catalogue.filter((p) => p.domain === domain);
        if (!list.length) return null;
        const inDomain = new Set(list.map((p) => p.code));
        return (
          <fieldset key={domain} style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '8px 12px', marginBottom: 12 }}>
            <legend style={{ fontSize: 14, width: 'auto', marginBottom: 4, padding: '0 4px', border: 0 }}>
              <Typography.Text strong>{t(`domain.${domain}` as MessageKey)}</Typography.Text>
            </legend>
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              value={value.filter((c) => inDomain.has(c))}
              onChange={(checked) => onChange?.([...value.filter((c) => !inDomain.has(c)), ...(checked as string[])])}
              options={list.map((p) => ({ value: p.code, label: <>{p.label} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{p.code}</Typography.Text></> }))}
            />
          </fieldset>
        );
      })}
    </div>
  );
}
