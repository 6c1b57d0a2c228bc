import type { CSSProperties, ReactNode } from 'react';
import { Tag } from 'antd';

/**
 * Ant Design's light preset tags (green text on pale green) fall below the WCAG AA contrast ratio;
 * these are solid tags in dark shades of the same hues, with white text.
 */
const SHADES = { green: '#237804', red: '#a8071a', blue: '#0050b3', orange: '#ad4e00', grey: '#595959' } as const;
export type Shade = keyof typeof SHADES | 'default';

export function StatusTag({ color = 'default', style, children }: { color?: Shade; style?: CSSProperties; children: ReactNode }) {
  if (color === 'default') return <Tag style={style}>{children}</Tag>;
  return <Tag variant="solid" color={SHADES[color]} style={style}>{children}</Tag>;
}
