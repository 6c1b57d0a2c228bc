import { useCallback, useEffect, useState } from 'react';
import { Button, Card, Col, Descriptions, Row, Space, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { api, rowsOf } from '../../api/client';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useSession } from '../../session/SessionContext';
import { P } from '../../permissions';
import { t } from '../../i18n';
import { RegionForm, type RegionDetail } from './RegionForm';

function toNode(r: any): TreeDataNode {
  const leaf = r.hasChildren === undefined ? r.code.length >= 12 : !r.hasChildren;
  return { key: r.code, title: `${r.name}（${r.code}）`, isLeaf: leaf };
}

function attach(nodes: TreeDataNode[], key: React.Key, children: TreeDataNode[]): TreeDataNode[] {
  return nodes.map((n) => (n.key === key ? { ...n, children, isLeaf: children.length === 0 } : n.children ? { ...n, children: attach(n.children, key, children) } : n));
}

/**
 * GB/T 2260 regions, one level at a time (the whole country down to villages is too large to load at
 * once). A whole-tree system administrator adds regions under the selected one and renames them.
 */
export default function Regions() {
  const { can } = useSession();
  // Regions are platform-wide reference data: only an administrator granted at a tree root changes them.
  const mayManage = can([P.regionManage], true);
  const [nodes, setNodes] = useState<TreeDataNode[]>([]);
  const [selected, setSelected] = useState<RegionDetail | null>(null);
  const [mode, setMode] = useState<'create' | 'edit' | null>(null);
  const [error, setError] = useState<unknown>(null);

  const loadRoots = useCallback(() => api.get('/api/directory/regions').then((d) => setNodes(rowsOf(d).map(toNode)), setError), []);
  useEffect(() => { void loadRoots(); }, [loadRoots]);

  const loadChildren = useCallback(async (key: React.Key) => {
    try {
      const children = rowsOf(await api.get('/api/directory/regions', { parent: String(key) })).map(toNode);
      setNodes((prev) => attach(prev, key, children));
    } catch (err) {
      setError(err);
    }
  }, []);

  const select = async (code: string) => {
    try {
      setSelected(await api.get<RegionDetail>(`/api/directory/regions/${code}`));
    } catch (err) {
      setError(err);
    }
  };

  const saved = async (code: string) => {
    setMode(null);
    // A new region appears under the selected one; a renamed one keeps its place.
    if (mode === 'create' && selected) await loadChildren(selected.code);
    else if (mode === 'create') await loadRoots();
    else if (selected) {
      const parent = code.length <= 2 ? null : code.length <= 6 ? code.slice(0, code.length - 2) : code.slice(0, code.length - 3);
      if (parent) await loadChildren(parent); else await loadRoots();
    }
    await select(code);
  };

  return (
    <Page title={t('menu.regions')}>
      <ErrorAlert error={error} />
      <Row gutter={16}>
        <Col xs={24} md={14}>
          <Card>
            <Typography.Paragraph type="secondary">{t('regions.help')}</Typography.Paragraph>
            <Tree treeData={nodes} loadData={(n) => loadChildren(n.key)} showLine aria-label={t('menu.regions')}
              onSelect={(keys) => (keys.length ? void select(String(keys[0])) : setSelected(null))} />
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card title={selected ? selected.name : t('regions.noneSelected')}
            extra={mayManage && (
              <Space>
                {selected && <Button onClick={() => setMode('edit')}>{t('action.edit')}</Button>}
                {(!selected || selected.code.length < 12) && <Button type="primary" onClick={() => setMode('create')}>{selected ? t('regions.addChild') : t('regions.addProvince')}</Button>}
              </Space>
            )}>
            {selected ? (
              <Descriptions column={1} items={[
                { key: 'code', label: t('field.regionCode'), children: selected.code },
                { key: 'name', label: t('field.name'), children: selected.name },
                { key: 'sort', label: t('field.sort'), children: selected.sort },
              ]} />
            ) : <Typography.Text type="secondary">{t('regions.selectHint')}</Typography.Text>}
          </Card>
        </Col>
      </Row>
      <RegionForm mode={mode} parent={mode === 'create' ? selected : null} region={mode === 'edit' ? selected : null} onClose={() => setMode(null)} onSaved={saved} />
    </Page>
  );
}
