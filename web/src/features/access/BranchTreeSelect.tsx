import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { enumLabel } from '../../i18n/labels.ts';
import { useBranches } from './access.hooks.ts';
import { buildBranchTree, type BranchNode } from './branch-tree.ts';

interface TreeOption {
  value: string;
  title: string;
  label: string;
  children?: TreeOption[];
}

/** Picks one branch of the caller's scope (the filter then covers its whole subtree). */
export function BranchTreeSelect({
  value,
  onChange,
  placeholder,
  style,
}: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  placeholder?: string;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  const branches = useBranches();

  const treeData = useMemo(() => {
    const toOption = (node: BranchNode): TreeOption => ({
      value: node.branch.id,
      title: `${node.branch.name} · ${enumLabel(t, 'levels', node.branch.level)}`,
      label: node.branch.name,
      children: node.children.length ? node.children.map(toOption) : undefined,
    });
    return buildBranchTree(branches.data ?? []).map(toOption);
  }, [branches.data, t]);

  return (
    <TreeSelect
      value={value}
      onChange={(next) => onChange(next ?? undefined)}
      treeData={treeData}
      placeholder={placeholder}
      allowClear
      showSearch
      treeNodeFilterProp="title"
      treeNodeLabelProp="label"
      treeDefaultExpandAll
      loading={branches.isLoading}
      popupMatchSelectWidth={false}
      style={style}
      status={branches.isError ? 'error' : undefined}
      data-testid="filter-branch"
    />
  );
}
