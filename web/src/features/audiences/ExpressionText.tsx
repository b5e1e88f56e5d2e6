import { Alert, Button, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { AudienceExpressionErrorDetails } from '../../api/types.ts';

/** The details of an expression error answered by the API, if the error is one. */
export function expressionErrorDetails(error: unknown): AudienceExpressionErrorDetails | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const details = error.details;
  if (!details || typeof details !== 'object') return null;
  return details as AudienceExpressionErrorDetails;
}

/** An expression error: the message, the text with a marker at the position, expected and suggestions. */
export function ExpressionError({ error, text }: { error: unknown; text?: string }) {
  const { t } = useTranslation();
  const details = expressionErrorDetails(error);
  const message = error instanceof Error ? error.message : String(error);
  const position = details?.position;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="expression-error"
      data-position={position ?? ''}
      message={message}
      description={
        details ? (
          <Space direction="vertical" size={4} style={{ width: '100%' }}>
            {text !== undefined && typeof position === 'number' && position >= 0 ? (
              <>
                <Typography.Text type="secondary">
                  {t('audiences.text.errorAt', { position: position + 1 })}
                </Typography.Text>
                <pre className="mono" style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
                  {text.slice(0, position)}
                  <mark style={{ background: '#ffccc7', padding: '0 1px' }}>
                    {text.slice(position, position + 1) || ' '}
                  </mark>
                  {text.slice(position + 1)}
                </pre>
              </>
            ) : null}
            {details.path ? <span className="mono">{details.path}</span> : null}
            {details.expected?.length ? (
              <span>{t('audiences.text.expected', { items: details.expected.join(', ') })}</span>
            ) : null}
            {details.suggestions?.length ? (
              <span data-testid="expression-suggestions">
                {t('audiences.text.suggestions', { items: details.suggestions.join(', ') })}
              </span>
            ) : null}
          </Space>
        ) : null
      }
    />
  );
}

/** The expression as editable text, applied through the parser. */
export function ExpressionText({
  value,
  onChange,
  onApply,
  applying,
  error,
}: {
  value: string;
  onChange: (text: string) => void;
  onApply: () => void;
  applying: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={10} style={{ width: '100%' }} data-testid="expression-text-tab">
      <Typography.Text type="secondary">{t('audiences.text.help')}</Typography.Text>
      <Input.TextArea
        className="mono"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        autoSize={{ minRows: 4, maxRows: 16 }}
        spellCheck={false}
        aria-label={t('audiences.text.label')}
        data-testid="expression-text"
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) onApply();
        }}
      />
      <div>
        <Button type="primary" onClick={onApply} loading={applying} data-testid="expression-apply">
          {t('audiences.text.apply')}
        </Button>
      </div>
      {error ? <ExpressionError error={error} text={value} /> : null}
    </Space>
  );
}
