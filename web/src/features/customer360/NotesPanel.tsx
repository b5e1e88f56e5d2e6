import { App, Button, Input, List, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NotesSection } from '../../api/types.ts';
import { NOTES_FIRST_PAGE, useAddNote, useCustomerNotes } from './customer360.hooks.ts';
import { SectionEmpty } from './SectionState.tsx';

const MAX_NOTE = 2000;

/** RM notes on the customer, newest first, and a box to add one. */
export function NotesPanel({ customerId, initial }: { customerId: string; initial: NotesSection | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [pageSize, setPageSize] = useState(NOTES_FIRST_PAGE);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const notes = useCustomerNotes(customerId, pageSize, initial ?? undefined);
  const add = useAddNote(customerId);

  const submit = () => {
    const trimmed = text.trim();
    if (trimmed === '') {
      setProblem(t('c360.notes.empty'));
      return;
    }
    if (trimmed.length > MAX_NOTE) {
      setProblem(t('c360.notes.tooLong'));
      return;
    }
    setProblem(null);
    add.mutate(trimmed, {
      onSuccess: () => {
        setText('');
        void message.success(t('c360.notes.added'));
      },
      onError: (error) => setProblem(t('c360.notes.failed', { message: error.message })),
    });
  };

  const items = notes.data?.items ?? [];
  const total = notes.data?.total ?? 0;
  return (
    <div className="c360-stack" data-testid="c360-notes">
      <div className="c360-note-form">
        <Input.TextArea
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            if (problem) setProblem(null);
          }}
          onPressEnter={(event) => {
            // Ctrl/⌘+Enter saves; a plain Enter is a new line.
            if (event.ctrlKey || event.metaKey) {
              event.preventDefault();
              submit();
            }
          }}
          placeholder={t('c360.notes.placeholder')}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={MAX_NOTE}
          showCount
          status={problem ? 'error' : undefined}
          aria-label={t('c360.notes.add')}
          data-testid="c360-note-input"
        />
        {problem ? (
          <Typography.Text type="danger" className="c360-small" data-testid="c360-note-error">
            {problem}
          </Typography.Text>
        ) : null}
        <div className="c360-note-actions">
          <Button type="primary" onClick={submit} loading={add.isPending} data-testid="c360-note-add">
            {t('c360.notes.add')}
          </Button>
        </div>
      </div>
      {notes.isError && items.length === 0 ? (
        <Typography.Text type="danger">{notes.error.message}</Typography.Text>
      ) : items.length === 0 && !notes.isPending ? (
        <SectionEmpty text={t('c360.empty.notes')} />
      ) : (
        <List
          size="small"
          loading={notes.isPending}
          dataSource={items}
          rowKey="id"
          data-testid="c360-note-list"
          renderItem={(note) => (
            <List.Item className="c360-list-item c360-note">
              <div className="c360-list-body">
                <Typography.Paragraph className="c360-note-text" data-testid="c360-note-text">
                  {note.text}
                </Typography.Paragraph>
                <Typography.Text type="secondary" className="c360-small">
                  {t('c360.notes.by', {
                    author: note.authorName,
                    time: dayjs(note.createdAt).format('YYYY-MM-DD HH:mm'),
                  })}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
      {total > items.length ? (
        <Button
          type="link"
          size="small"
          onClick={() => setPageSize((size) => Math.min(100, size + NOTES_FIRST_PAGE))}
          loading={notes.isFetching}
          disabled={pageSize >= 100}
        >
          {t('c360.notes.loadMore')} ({t('c360.more', { count: total - items.length })})
        </Button>
      ) : null}
    </div>
  );
}

/** The number of notes, kept current after a note is added (shares the note list's query). */
export function NotesCount({ customerId, initial }: { customerId: string; initial: NotesSection }) {
  const { t } = useTranslation();
  const notes = useCustomerNotes(customerId, NOTES_FIRST_PAGE, initial);
  return (
    <Typography.Text type="secondary" className="c360-small" data-testid="c360-notes-count">
      {t('c360.notes.total', { count: notes.data?.total ?? initial.total })}
    </Typography.Text>
  );
}
