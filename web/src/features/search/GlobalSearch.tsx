import {
  BankOutlined,
  CloseOutlined,
  LoadingOutlined,
  SearchOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Drawer, Input, Typography, type InputRef } from 'antd';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { SearchResult } from '../../api/types.ts';
import { useIsPhone } from '../shell/responsive.ts';
import { Highlight } from './Highlight.tsx';
import './search.css';
import { SEARCH_DEBOUNCE_MS, useDebouncedValue, useGlobalSearch } from './search.hooks.ts';
import { moveActive, normaliseQuery, rowToOpen, type SearchKey } from './search-navigation.ts';

/** State of one search box: the text, the debounced query, its results and the highlighted row. */
function useSearchBox(onOpen: (result: SearchResult) => void) {
  const [text, setText] = useState('');
  const query = useDebouncedValue(normaliseQuery(text), SEARCH_DEBOUNCE_MS);
  const typed = normaliseQuery(text);
  const search = useGlobalSearch(typed === '' ? '' : query);
  const items = typed === '' ? [] : (search.data?.items ?? []);
  const [active, setActive] = useState(-1);

  // A new answer starts with nothing highlighted; Enter then opens the best match.
  useEffect(() => setActive(-1), [search.data]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(event.key) && items.length > 0) {
      event.preventDefault();
      setActive((current) => moveActive(current, items.length, event.key as SearchKey));
    } else if (event.key === 'Enter') {
      const index = rowToOpen(active, items.length);
      if (index >= 0) {
        event.preventDefault();
        onOpen(items[index]!);
      }
    }
  };

  return {
    text,
    setText,
    typed,
    // The shown results belong to an older query while typing or fetching.
    pending: typed !== '' && (typed !== query || search.isFetching),
    search,
    items,
    active,
    setActive,
    onKeyDown,
  };
}

type SearchBox = ReturnType<typeof useSearchBox>;

function ResultRow({
  result,
  index,
  active,
  listId,
  onPick,
  onHover,
}: {
  result: SearchResult;
  index: number;
  active: boolean;
  listId: string;
  onPick: (result: SearchResult) => void;
  onHover: (index: number) => void;
}) {
  const { t } = useTranslation();
  const nameMatched = result.matchedField === 'name' || result.matchedField === 'company_name';
  const ref = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (active) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  return (
    <li
      ref={ref}
      id={`${listId}-${index}`}
      role="option"
      aria-selected={active}
      className={active ? 'search-result active' : 'search-result'}
      data-testid="search-result"
      data-customer-id={result.customerId}
      // mousedown, not click: the input's blur would close the list before a click lands.
      onMouseDown={(event) => {
        event.preventDefault();
        onPick(result);
      }}
      onMouseEnter={() => onHover(index)}
    >
      <span className={result.kind === 'corporate' ? 'search-icon corporate' : 'search-icon'}>
        {result.kind === 'corporate' ? <BankOutlined /> : <UserOutlined />}
      </span>
      <span className="search-result-body">
        <span className="search-result-name" data-testid="search-result-name">
          {nameMatched ? <Highlight segments={result.segments} fallback={result.name} /> : result.name}
        </span>
        <span className="search-result-meta">
          {nameMatched ? null : (
            <span className="search-result-match">
              {t(`search.fields.${result.matchedField}`, { defaultValue: result.matchedField })}{' '}
              <span className="mono">
                <Highlight segments={result.segments} fallback={result.matchedText} />
              </span>
              {' · '}
            </span>
          )}
          {result.branchName}
          {result.rmName ? ` · ${result.rmName}` : ''}
        </span>
      </span>
    </li>
  );
}

/** Status line and result list of a search box (dropdown on desktop, full screen on phones). */
function SearchResults({
  box,
  listId,
  onPick,
}: {
  box: SearchBox;
  listId: string;
  onPick: (r: SearchResult) => void;
}) {
  const { t } = useTranslation();
  const { search, items } = box;
  if (box.typed === '') {
    return <div className="search-status">{t('search.startTyping')}</div>;
  }
  if (search.isError && items.length === 0) {
    return (
      <div className="search-status" data-testid="search-error">
        <Typography.Text type="danger">
          {t('search.error', { message: search.error.message })}
        </Typography.Text>{' '}
        <Button
          size="small"
          type="link"
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => void search.refetch()}
        >
          {t('search.retry')}
        </Button>
      </div>
    );
  }
  if (items.length === 0) {
    return box.pending || search.isPending ? (
      <div className="search-status">
        <LoadingOutlined /> {t('search.searching')}
      </div>
    ) : (
      <div className="search-status" data-testid="search-empty">
        <div>{t('search.empty', { query: box.typed })}</div>
        <Typography.Text type="secondary" className="search-hint">
          {t('search.emptyHint')}
        </Typography.Text>
      </div>
    );
  }
  return (
    <>
      <ul
        id={listId}
        role="listbox"
        aria-label={t('search.results')}
        className={box.pending ? 'search-list stale' : 'search-list'}
        data-testid="search-results"
        data-query={search.data?.query ?? ''}
      >
        {items.map((result, index) => (
          <ResultRow
            key={result.customerId}
            result={result}
            index={index}
            active={index === box.active}
            listId={listId}
            onPick={onPick}
            onHover={box.setActive}
          />
        ))}
      </ul>
      <div className="search-footer">{t('search.hint')}</div>
    </>
  );
}

/** Desktop: a box in the header with a dropdown of results; "/" focuses it. */
function DesktopSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const listId = useId();
  const input = useRef<InputRef>(null);
  const [focused, setFocused] = useState(false);
  const open = (result: SearchResult) => {
    navigate(`/customers/${encodeURIComponent(result.customerId)}`);
    box.setText('');
    input.current?.blur();
  };
  const box = useSearchBox(open);

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey) {
        event.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const expanded = focused && box.typed !== '';
  return (
    <div className="global-search" data-testid="global-search">
      <Input
        ref={input}
        value={box.text}
        onChange={(event) => box.setText(event.target.value)}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            if (box.text) box.setText('');
            else input.current?.blur();
            return;
          }
          box.onKeyDown(event);
        }}
        placeholder={t('search.placeholder')}
        prefix={box.pending ? <LoadingOutlined /> : <SearchOutlined />}
        allowClear
        className="global-search-input"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={box.active >= 0 ? `${listId}-${box.active}` : undefined}
        aria-label={t('search.open')}
        data-testid="global-search-input"
        maxLength={100}
      />
      {expanded ? (
        <div className="search-dropdown" data-testid="search-dropdown">
          <SearchResults box={box} listId={listId} onPick={open} />
        </div>
      ) : null}
    </div>
  );
}

/** Phones: a search button opening a full-screen search. */
function PhoneSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const listId = useId();
  const input = useRef<InputRef>(null);
  const [visible, setVisible] = useState(false);
  const open = (result: SearchResult) => {
    setVisible(false);
    box.setText('');
    navigate(`/customers/${encodeURIComponent(result.customerId)}`);
  };
  const box = useSearchBox(open);
  return (
    <>
      <Button
        type="text"
        icon={<SearchOutlined />}
        onClick={() => setVisible(true)}
        aria-label={t('search.open')}
        className="app-header-search-button"
        data-testid="search-open"
      />
      <Drawer
        open={visible}
        placement="top"
        height="100%"
        closable={false}
        onClose={() => setVisible(false)}
        afterOpenChange={(opened) => {
          if (opened) input.current?.focus();
        }}
        styles={{ body: { padding: 0 }, header: { display: 'none' } }}
        rootClassName="search-phone"
        data-testid="search-drawer"
      >
        <div className="search-phone-bar">
          <Input
            ref={input}
            value={box.text}
            onChange={(event) => box.setText(event.target.value)}
            onKeyDown={box.onKeyDown}
            placeholder={t('search.placeholderShort')}
            prefix={box.pending ? <LoadingOutlined /> : <SearchOutlined />}
            allowClear
            size="large"
            autoFocus
            enterKeyHint="search"
            role="combobox"
            aria-expanded={box.typed !== ''}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={box.active >= 0 ? `${listId}-${box.active}` : undefined}
            aria-label={t('search.open')}
            data-testid="global-search-input"
            maxLength={100}
          />
          <Button
            type="text"
            icon={<CloseOutlined />}
            onClick={() => setVisible(false)}
            aria-label={t('search.close')}
            data-testid="search-close"
          />
        </div>
        <div className="search-phone-results">
          <SearchResults box={box} listId={listId} onPick={open} />
        </div>
      </Drawer>
    </>
  );
}

/** The one search box of the app: customers by name, ID, mobile, account, company or USCC. */
export function GlobalSearch() {
  return useIsPhone() ? <PhoneSearch /> : <DesktopSearch />;
}
