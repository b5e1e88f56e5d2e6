import { PlayCircleOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Progress, Space, Tooltip, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInteger } from '../../i18n/format.ts';
import { useLanguage } from '../../i18n/index.ts';
import { errorText } from './TagEditor.tsx';
import { useLatestTagRun, useStartTagRun } from './tags.hooks.ts';

function when(value: string): string {
  return value.replace('T', ' ').slice(0, 16);
}

/** The latest tag run's status and progress, and (for editors) a button that starts a run. */
export function TagRunPanel({ canRun }: { canRun: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { message } = App.useApp();
  const client = useQueryClient();
  const latest = useLatestTagRun();
  const start = useStartTagRun();
  const run = latest.data ?? null;
  const running = run?.status === 'running';

  // When a run finishes, coverage, distributions and the audience fields change.
  const previous = useRef(run?.status);
  useEffect(() => {
    if (previous.current === 'running' && run && run.status !== 'running') {
      void client.invalidateQueries({ queryKey: ['tags'] });
      void client.invalidateQueries({ queryKey: ['audiences'] });
    }
    previous.current = run?.status;
  }, [run, client]);

  let status: ReactNode;
  if (!run) status = <Typography.Text type="secondary">{t('tags.run.never')}</Typography.Text>;
  else if (running) {
    const progress = run.progress;
    const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;
    status = (
      <Space size={8} style={{ minWidth: 0 }}>
        <Progress percent={percent} size="small" status="active" style={{ width: 140, margin: 0 }} />
        <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
          {progress
            ? t('tags.run.running', { step: progress.step, done: progress.done, total: progress.total })
            : t('tags.run.runningShort')}
        </Typography.Text>
      </Space>
    );
  } else if (run.status === 'failed') {
    status = (
      <Typography.Text type="danger" ellipsis style={{ maxWidth: 480 }}>
        {t('tags.run.failed', { error: run.error ?? '' })}
      </Typography.Text>
    );
  } else {
    const report = run.report;
    status = (
      <Space size={6} wrap>
        <Typography.Text type="secondary">
          {t('tags.run.succeeded', {
            time: when(run.finishedAt ?? run.startedAt),
            tags: report?.tags ?? 0,
            customers: formatInteger(report?.customers ?? 0, language),
            seconds: (report?.seconds ?? 0).toFixed(1),
          })}
        </Typography.Text>
        {report?.failed.length ? (
          <Tooltip title={report.failed.map((f) => `${f.id}: ${f.message}`).join('\n')}>
            <Typography.Text type="warning">
              {t('tags.run.failedTags', { count: report.failed.length })}
            </Typography.Text>
          </Tooltip>
        ) : null}
      </Space>
    );
  }

  return (
    <div
      style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}
      data-testid="tag-run"
      data-status={run?.status ?? 'none'}
    >
      {canRun ? (
        <Popconfirm
          title={t('tags.run.confirm')}
          onConfirm={() =>
            start.mutateAsync().then(
              () => message.success(t('tags.run.started')),
              (error: unknown) => message.error(errorText(error)),
            )
          }
        >
          <Button
            icon={<PlayCircleOutlined />}
            loading={start.isPending || running}
            disabled={running}
            data-testid="tag-run-button"
          >
            {t('tags.run.button')}
          </Button>
        </Popconfirm>
      ) : null}
      {status}
    </div>
  );
}
