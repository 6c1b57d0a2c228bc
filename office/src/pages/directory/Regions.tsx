import { useCallback, useEffect, useState } from 'react';
import { Card, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { api, rowsOf } from '../../api/client';
import { Page } from '../../components/Page';
import { ErrorAlert } from '../../components/ErrorAlert';
import { t } from '../../i18n';

interface Region {
  code: string;
  name: string;
  level?: string | number;
  hasChildren?: boolean;
  leaf?: boolean;
}

function toNode(r: any): TreeDataNode {
  const region: Region = { code: r.code, name: r.name, level: r.level, hasChildren: r.hasChildren ?? r.has_children, leaf: r.leaf };
  const leaf = region.leaf ?? (region.hasChildren === undefined ? region.code.length >= 12 : !region.hasChildren);
  return { key: region.code, title: `${region.name}（${region.code}）`, isLeaf: leaf };
}

function attach(nodes: TreeDataNode[], key: React.Key, children: TreeDataNode[]): TreeDataNode[] {
  return nodes.map((n) => (n.key === key ? { ...n, children, isLeaf: children.length === 0 } : n.children ? { ...n, children: attach(n.children, key, children) } : n));
}

/** GB/T 2260 regions, one level at a time: the whole country down to villages is too large to load at once. */
export default function Regions() {
  const [nodes, setNodes] = useState<TreeDataNode[]>([]);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get('/api/directory/regions').then((d) => setNodes(rowsOf(d).map(toNode)), setError);
  }, []);
  const loadData = useCallback(async (node: TreeDataNode) => {
    try {
      const children = rowsOf(await api.get('/api/directory/regions', { parent: String(node.key) })).map(toNode);
      setNodes((prev) => attach(prev, node.key, children));
    } catch (err) {
      setError(err);
    }
  }, []);
  return (
    <Page title={t('menu.regions')}>
      <ErrorAlert error={error} />
      <Card>
        <Typography.Paragraph type="secondary">{t('regions.help')}</Typography.Paragraph>
        <Tree treeData={nodes} loadData={loadData} showLine aria-label={t('menu.regions')} />
      </Card>
    </Page>
  );
}
